import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// The root module's input values, in Terraform's order of precedence (later wins): `terraform.tfvars`,
/// `terraform.tfvars.json`, `*.auto.tfvars(.json)` in name order, then `--tf-var-file` files and `--tf-var` values
/// in the order given.
/// https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence
struct TerraformVariableInputs {
    let loader: TerraformModuleLoader

    /// `variables`: the root module's declarations, whose types say how a `--tf-var` text is read.
    func read(directory: String, given: [TerraformVariableInput],
              variables: [String: TerraformModuleConfig.Declared<HCLBlock>] = [:]) throws(TerraformSourceError) -> [String: TerraformValue] {
        var inputs: [String: TerraformValue] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let named = ["terraform.tfvars", "terraform.tfvars.json"]
        let isNamed = { (name: String) in named.contains { Array($0.utf8) == Array(name.utf8) } }
        var automatic = TerraformFileName.sortedByName(names.filter(isNamed))
        automatic += TerraformFileName.sortedByName(names.filter { TerraformFileName.isAutomaticVariables($0) && !isNamed($0) })
        for path in automatic.map({ TerraformModuleLoader.join(directory, $0) }) {
            // Found in the module's folder, so held to the checked tree; a `--tf-var-file` is the caller's choice.
            if let tree = loader.tree, !tree.contains(path) { throw .file(path, "the variables file \(CheckedTree.refusal)") }
            for (name, value) in try readFile(path) { inputs[name] = value }
        }
        for input in given {
            switch input {
            case .file(let path):
                for (name, value) in try readFile(path) { inputs[name] = value }
            case .value(let name, let text):
                let file = SourceFile(path: "--tf-var \(name)", bytes: Array(text.utf8))
                let index = loader.add(file)
                inputs[name] = try Self.commandLineValue(file, index: index, literal: Self.readsLiterally(variables[name]))
            }
        }
        return inputs
    }

    private func readFile(_ path: String) throws(TerraformSourceError) -> [String: TerraformValue] {
        let file = try loader.read(path)
        let index = loader.files.count - 1
        let base = Origin(file: index, offset: 0, path: "").packedOffset
        if path.hasSuffix(".json") {
            let root: SourceNode
            do { root = try JSONReader().read(file.bytes) } catch { throw .syntax(file, error) }
            guard let entries = root.entries else {
                throw .syntax(file, SyntaxError(offset: root.offset, message: "a .tfvars.json file must hold one JSON object"))
            }
            // Names as in module files: only in normalization form C (`TerraformModuleLoader.uncomposedName`).
            let names = HCLBody(attributes: entries.map {
                HCLAttribute(name: $0.key, offset: $0.keyOffset, value: HCLExpression(.null, at: $0.keyOffset))
            }, offset: root.offset)
            if let problem = TerraformModuleLoader.uncomposedName(in: names) { throw .syntax(file, problem) }
            var values: [String: TerraformValue] = [:]
            for entry in entries { values[entry.key] = TerraformJSON.decode(entry.value, base: base) }
            return values
        }
        let body: HCLBody
        do { body = try HCLReader().read(file.bytes) } catch { throw .syntax(file, error) }
        if let block = body.blocks.first {
            throw .syntax(file, SyntaxError(offset: block.offset, message: "a .tfvars file holds only 'name = value' lines, not blocks"))
        }
        if let problem = TerraformModuleLoader.uncomposedName(in: body) { throw .syntax(file, problem) }
        let evaluator = TerraformEvaluator(scope: TerraformConstantScope(), base: base)
        var values: [String: TerraformValue] = [:]
        for attribute in body.attributes {
            do { values[attribute.name] = try evaluator.evaluate(attribute.value) } catch { throw .evaluation(error) }
        }
        return values
    }

    /// Whether Terraform takes a `-var` text for this variable as the string it is: for a variable without a
    /// `type` and for a primitive one (`string`, `number`, `bool`); any other type parses it as an HCL expression
    /// (hashicorp/terraform internal/configs/named_values.go, `decodeVariableType`: "Primitive types use literal
    /// parsing", and `VariableParseLiteral` by default). A JSON policy given to a `string` variable was read as an
    /// object and refused (tester, round 35).
    static func readsLiterally(_ declared: TerraformModuleConfig.Declared<HCLBlock>?) -> Bool {
        guard let written = declared?.value.body[attribute: "type"]?.value else { return true }
        if case .template(let parts) = written.kind {
            // A legacy quoted constraint: "string" is literal, "list" and "map" are not.
            if parts.count == 1, case .literal(let legacy, _) = parts[0] { return legacy == "string" }
            return false
        }
        switch TerraformVariableType.parse(written) {
        case .string?, .number?, .bool?: return true
        default: return false
        }
    }

    /// `--tf-var name=value`: the string it is, or — for a variable of another type than a primitive one — the HCL
    /// expression it spells, as Terraform reads `-var` (`type = any` and `"0.0.0.0/0"` is the string without its
    /// quotes; review, round 35).
    private static func commandLineValue(_ file: SourceFile, index: Int, literal: Bool) throws(TerraformSourceError) -> TerraformValue {
        let base = Origin(file: index, offset: 0, path: "").packedOffset
        let text = String(decoding: file.bytes, as: UTF8.self)
        guard !literal else { return .string(text, at: base) }
        do {
            let expression = try HCLReader().readExpression(file.bytes)
            return try TerraformEvaluator(scope: TerraformConstantScope(), base: base).evaluate(expression)
        } catch let error as SyntaxError {
            throw .syntax(file, error)
        } catch let error as TerraformEvaluationError {
            throw .evaluation(error)
        } catch {
            throw .file(file.path, "cannot read the value")
        }
    }
}

/// The scope of `.tfvars` values and `--tf-var`s: literal values only.
final class TerraformConstantScope: TerraformScope {
    private func refuse(_ what: String, at offset: Int) -> TerraformEvaluationError {
        TerraformEvaluationError("a variable value cannot refer to \(what)", at: offset)
    }
    func variable(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue { throw refuse("var.\(name)", at: offset) }
    func local(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue { throw refuse("local.\(name)", at: offset) }
    func module(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue { throw refuse("module.\(name)", at: offset) }
    func moduleOutput(_ name: String, key: TerraformValue?, output: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        throw refuse("module.\(name)", at: offset)
    }
    func resource(_ type: String, _ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue {
        throw refuse("\(type).\(name)", at: offset)
    }
    func path(_ name: String) -> String? { nil }
    func readFile(_ path: String) -> String? { nil }
    func notice(_ message: String, at offset: Int) {}
}
