import Foundation
import PolicyCheckSyntax

/// String and encoding functions.
extension TerraformFunctions {
    static let strings: [String: Function] = [
        "format": { arguments, offset throws(TerraformEvaluationError) in
            let pattern = try string(arguments, 0, "format", at: offset)
            guard let text = try TerraformFormat.render(pattern, Array(arguments.dropFirst()), at: offset) else {
                return .unknown(TerraformFormat.unsupported, at: offset)
            }
            return .string(text, at: offset)
        },
        "join": { arguments, offset throws(TerraformEvaluationError) in
            let separator = try string(arguments, 0, "join", at: offset)
            var parts: [String] = []
            for index in arguments.indices.dropFirst() {
                for item in try list(arguments, index, "join", at: offset) {
                    guard let text = item.stringValue else { throw .call("join", "needs lists of strings", at: offset) }
                    parts.append(text)
                }
            }
            return .string(parts.joined(separator: separator), at: offset)
        },
        "split": { arguments, offset throws(TerraformEvaluationError) in
            let separator = try string(arguments, 0, "split", at: offset)
            let text = try string(arguments, 1, "split", at: offset)
            // Go's strings.Split, as go-cty calls it: an empty separator splits after each character (Unicode
            // scalar), and an empty string so gives an empty list
            // (https://github.com/zclconf/go-cty/blob/main/cty/function/stdlib/string.go, SplitFunc).
            if separator.isEmpty {
                guard text.unicodeScalars.count <= TerraformFunctions.maxElements else { return .unknown(TerraformFunctions.tooLarge("split"), at: offset) }
                return TerraformValue(.list(text.unicodeScalars.map { TerraformValue.string(String($0), at: offset) }), at: offset)
            }
            let parts = text.components(separatedBy: separator).map { TerraformValue.string($0, at: offset) }
            return TerraformValue(.list(parts), at: offset)
        },
        "lower": { arguments, offset throws(TerraformEvaluationError) in .string(GoCase.lower(try string(arguments, 0, "lower", at: offset)), at: offset) },
        "upper": { arguments, offset throws(TerraformEvaluationError) in .string(GoCase.upper(try string(arguments, 0, "upper", at: offset)), at: offset) },
        "trimspace": { arguments, offset throws(TerraformEvaluationError) in
            let scalars = try string(arguments, 0, "trimspace", at: offset).unicodeScalars
            let start = scalars.firstIndex { !GoSpace.contains($0) } ?? scalars.endIndex
            let end = scalars[start...].lastIndex { !GoSpace.contains($0) }.map(scalars.index(after:)) ?? start
            return .string(String(Substring(scalars[start..<end])), at: offset)
        },
        "trimprefix": { arguments, offset throws(TerraformEvaluationError) in
            let text = try string(arguments, 0, "trimprefix", at: offset)
            let prefix = try string(arguments, 1, "trimprefix", at: offset)
            return .string(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text, at: offset)
        },
        "trimsuffix": { arguments, offset throws(TerraformEvaluationError) in
            let text = try string(arguments, 0, "trimsuffix", at: offset)
            let suffix = try string(arguments, 1, "trimsuffix", at: offset)
            return .string(text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : text, at: offset)
        },
        "replace": { arguments, offset throws(TerraformEvaluationError) in
            let text = try string(arguments, 0, "replace", at: offset)
            let search = try string(arguments, 1, "replace", at: offset)
            let replacement = try string(arguments, 2, "replace", at: offset)
            // A search string in slashes is a regular expression in Terraform (RE2 syntax, `TerraformRegex`).
            // Terraform looks at the first and last bytes: a combining mark after the slash still makes a pattern.
            if search.utf8.count > 1 && search.utf8.first == UInt8(ascii: "/") && search.utf8.last == UInt8(ascii: "/") {
                let pattern = String(decoding: search.utf8.dropFirst().dropLast(), as: UTF8.self)
                guard let replaced = replaceByRegex(text, pattern: pattern, with: replacement) else {
                    return .unknown(notEvaluated("replace", " with a regular expression"), at: offset)
                }
                return .string(replaced, at: offset)
            }
            return .string(replaceAll(text, search, with: replacement), at: offset)
        },
        "substr": { arguments, offset throws(TerraformEvaluationError) in
            let characters = Array(try string(arguments, 0, "substr", at: offset))
            var start = try TerraformNumber.int(try number(arguments, 1, "substr", at: offset), "substr", argument: 2, at: offset)
            let length = try TerraformNumber.int(try number(arguments, 2, "substr", at: offset), "substr", argument: 3, at: offset)
            // As cty's SubstrFunc computes it (Terraform's): a negative offset counts from the end, and from the
            // start when it is still negative; it skips the short cut for a length of 0, whose seek then takes the
            // rest (`substr("bastion", -1, 0)` is "n"); an offset at or past the end is "" — never an error.
            if start < 0 {
                start = max(0, start + characters.count)
            } else if length == 0 {
                return .string("", at: offset)
            }
            guard start < characters.count else { return .string("", at: offset) }
            let end = length <= 0 ? characters.count : start + min(characters.count - start, length)
            return .string(String(characters[start..<end]), at: offset)
        },
        "startswith": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.bool(try string(arguments, 0, "startswith", at: offset).hasPrefix(try string(arguments, 1, "startswith", at: offset))), at: offset)
        },
        "endswith": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.bool(try string(arguments, 0, "endswith", at: offset).hasSuffix(try string(arguments, 1, "endswith", at: offset))), at: offset)
        },
        "tostring": { arguments, offset throws(TerraformEvaluationError) in
            if arguments.first?.isNull == true { return arguments[0] }
            return .string(try string(arguments, 0, "tostring", at: offset), at: arguments[0].offset)
        },
        "tonumber": { arguments, offset throws(TerraformEvaluationError) in
            if arguments.first?.isNull == true { return arguments[0] }
            if let reason = arguments.first?.inexactNumberReason { return .unknown(reason, at: offset) }
            return TerraformValue(.number(try number(arguments, 0, "tonumber", at: offset)), at: arguments[0].offset)
        },
        "tobool": { arguments, offset throws(TerraformEvaluationError) in
            guard let first = arguments.first else { throw .call("tobool", "expects 1 argument", at: offset) }
            if first.isNull { return first }
            guard let flag = first.boolValue else { throw .call("tobool", "cannot convert a \(first.typeName) to bool", at: offset) }
            return TerraformValue(.bool(flag), at: first.offset)
        },
        "jsonencode": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "jsonencode", at: offset)
            return .string(TerraformJSON.encode(arguments[0]), at: offset)
        },
        // https://developer.hashicorp.com/terraform/language/functions/yamlencode: YAML text whose value is the
        // argument's. Its bytes (Terraform's layout, quoting and key order) are not reproduced, so the text is unknown
        // — compared with a string it decides nothing — while what it encodes is kept for those that parse it back (a
        // kubectl_manifest's body, `TerraformValue.encodedDocument`).
        "yamlencode": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "yamlencode", at: offset)
            var text = TerraformValue.unknown("it uses yamlencode(), whose YAML text (Terraform's layout and quoting) policycheck does not reproduce byte for byte", at: offset)
            switch arguments[0].kind {
            case .list, .object: text.encodedDocument = TerraformValue.EncodedDocument(arguments[0])
            default: break
            }
            return text
        },
        "jsondecode": { arguments, offset throws(TerraformEvaluationError) in
            let text = try string(arguments, 0, "jsondecode", at: offset)
            let node: SourceNode
            do throws(SyntaxError) {
                node = try JSONReader().read(Array(text.utf8))
            } catch {
                // A key given twice is valid to Terraform (Go's decoder keeps the last), not to policycheck's reader.
                if error.message.hasPrefix("duplicate key") {
                    return .unknown(notEvaluated("jsondecode", " of JSON giving a key twice (Terraform keeps the last)"), at: offset)
                }
                throw .call("jsondecode", "the argument is not valid JSON", at: offset)
            }
            return TerraformJSON.decode(node, at: offset)
        },
        // https://developer.hashicorp.com/terraform/language/functions/yamldecode: a subset of YAML 1.2 (the core
        // schema's scalars, aliases to earlier anchors). A tagged value (`!!binary` is base64 text in Terraform) or a
        // stream of several documents is not evaluated: unknown, never a guess.
        "yamldecode": { arguments, offset throws(TerraformEvaluationError) in
            let text = try string(arguments, 0, "yamldecode", at: offset)
            let documents: [SourceNode]
            do throws(SyntaxError) {
                // Under the module's alias budget, shared with its other YAML texts (`yamlBudget`).
                if let budget = TerraformFunctions.yamlBudget {
                    documents = try YAMLReader().read(Array(text.utf8), sharing: budget)
                } else {
                    documents = try YAMLReader().read(Array(text.utf8))
                }
            } catch {
                let place = SourceFile(path: "", bytes: Array(text.utf8)).location(ofOffset: error.offset)
                throw .call("yamldecode", "the argument is not valid YAML (line \(place.line), column \(place.column) of "
                            + "the text: \(error.message))", at: offset)
            }
            guard documents.count <= 1 else {
                return .unknown(notEvaluated("yamldecode", " of \(documents.count) YAML documents"), at: offset)
            }
            guard let document = documents.first else { return TerraformValue(.null, at: offset) }
            guard !holdsTag(document) else { return .unknown(notEvaluated("yamldecode", " of a tagged YAML value"), at: offset) }
            if let scalar = TerraformYAMLScalars.divergent(in: document) {
                return .unknown("it uses yamldecode() of YAML holding \"\(Excerpt.quote(scalar))\", which Terraform's YAML reader may read otherwise (a boolean, a timestamp, another number)", at: offset)
            }
            return TerraformJSON.decode(document, at: offset)
        },
        "base64encode": { arguments, offset throws(TerraformEvaluationError) in
            .string(Data(try string(arguments, 0, "base64encode", at: offset).utf8).base64EncodedString(), at: offset)
        },
    ]
}

extension TerraformFunctions {
    /// The alias budget of the module being evaluated (`TerraformSourceReader`), which every `yamldecode()` call and
    /// every `kubectl_manifest` body of the module shares; without one, each call has a budget of its own.
    @TaskLocal static var yamlBudget: YAMLAliasBudget?

    /// Whether a decoded YAML value, or any inside it, carries a tag (`!!binary`, `!custom`).
    static func holdsTag(_ node: SourceNode, depth: Int = 0) -> Bool {
        if node.tag != nil || depth > 256 { return true }
        switch node.value {
        case .sequence(let items): return items.contains { holdsTag($0, depth: depth + 1) }
        case .mapping(let entries): return entries.contains { holdsTag($0.value, depth: depth + 1) }
        default: return false
        }
    }
}

extension TerraformFunctions {
    /// `replace()` of a plain search string, as Terraform's (Go's `strings.Replace` with no limit): byte for byte,
    /// with no Unicode equivalence; an empty search string matches at the start and after each character (each
    /// Unicode scalar), so `replace("ab", "", "-")` is `-a-b-`.
    /// https://developer.hashicorp.com/terraform/language/functions/replace
    static func replaceAll(_ text: String, _ search: String, with replacement: String) -> String {
        if search.isEmpty {
            var result = replacement
            for scalar in text.unicodeScalars {
                result.unicodeScalars.append(scalar)
                result += replacement
            }
            return result
        }
        let bytes = Array(text.utf8)
        let needle = Array(search.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                result += bytes[cursor..<index]
                result += replacement.utf8
                index += needle.count
                cursor = index
            } else {
                index += 1
            }
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }
}
