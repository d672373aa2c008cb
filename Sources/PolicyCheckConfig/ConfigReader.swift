import Foundation
import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckReport
import PolicyCheckSyntax

/// Reads `.policycheck.yaml` into a `ProjectConfig`, strictly: unknown keys and wrong types are located errors.
struct ConfigReader {
    let reader: NodeReader
    /// The configuration file's folder: relative paths in it are relative to this.
    let base: String

    func read(_ root: SourceNode, into config: inout ProjectConfig) {
        guard let view = reader.object(root, path: "") else { return }
        view.allowOnly(ProjectConfig.fields)
        if let version = view.string("apiVersion"), version.value != PolicyLoader.apiVersion {
            reader.error(at: version.origin.offset, "unsupported apiVersion '\(Excerpt.quote(version.value))'; expected '\(PolicyLoader.apiVersion)'")
        }
        _ = view.choice("kind", ["Config"])
        if view.value("policies") != nil {
            let paths = view.list("policies") == nil ? [] : view.strings("policies").map { resolve($0.value) }
            config.policies = entry(paths, view, "policies")
        }
        config.waivers = view.string("waivers").map { entry(resolve($0.value), view, "waivers") }
        config.baseline = view.string("baseline").map { entry(resolve($0.value), view, "baseline") }
        if let failOn = view.choice("failOn", Severity.allCases.reversed().map(\.rawValue) + ["none"]) {
            config.failOn = entry(Severity(rawValue: failOn.value), view, "failOn")
        }
        if let outputs = view.list("outputs") {
            config.outputs = entry(readOutputs(outputs), view, "outputs")
        }
        config.inlineIgnores = view.bool("inlineIgnores").map { entry($0.value, view, "inlineIgnores") }
        if let size = view.string("maxFileSize") {
            if let bytes = ByteSize.parse(size.value) {
                config.maxFileSize = entry(bytes, view, "maxFileSize")
            } else {
                reader.error(at: size.origin.offset, "'maxFileSize' must be a size in bytes such as 1048576, 512K, 256M or 1G, found '\(Excerpt.quote(size.value))'")
            }
        }
        if view.value("include") != nil { config.include = entry(view.strings("include").map(\.value), view, "include") }
        if view.value("exclude") != nil { config.exclude = entry(view.strings("exclude").map(\.value), view, "exclude") }
        if let format = view.choice("inputFormat", InputFormat.allCases.map(\.rawValue)) {
            config.inputFormat = entry(InputFormat(rawValue: format.value)!, view, "inputFormat")
        }
        if let offering = view.choice("offering", Offering.allCases.map(\.rawValue)) {
            config.offering = entry(Offering(rawValue: offering.value)!, view, "offering")
        }
        config.jobs = view.int("jobs", range: 1...1024).map { entry($0.value, view, "jobs") }
        if let helm = view.object("helm") {
            helm.allowOnly(["path", "values", "set"])
            config.helm = helm.string("path").map { entry(resolve($0.value), helm, "path") }
            if helm.value("values") != nil { config.helmValues = entry(helm.strings("values").map { resolve($0.value) }, helm, "values") }
            if helm.value("set") != nil { config.helmSet = entry(helm.strings("set").map(\.value), helm, "set") }
        }
        if let terraform = view.object("terraform") {
            terraform.allowOnly(["varFiles", "vars"])
            var inputs: [TerraformVariableInput] = []
            if terraform.value("varFiles") != nil { inputs += terraform.strings("varFiles").map { .file(resolve($0.value)) } }
            if terraform.value("vars") != nil {
                for item in terraform.strings("vars") {
                    guard let input = TerraformVariableInput.assignment(item.value) else {
                        reader.error(at: item.origin.offset, "'terraform.vars' entries are NAME=VALUE with NAME a Terraform variable name")
                        continue
                    }
                    inputs.append(input)
                }
            }
            config.terraformVariables = entry(inputs, view, "terraform")
        }
        config.kubectl = view.string("kubectl").map { entry(resolve($0.value), view, "kubectl") }
        config.allowUnrendered = view.bool("allowUnrendered").map { entry($0.value, view, "allowUnrendered") }
        if let register = view.string("register") {
            let isURL = register.value.hasPrefix("postgres://") || register.value.hasPrefix("postgresql://")
            config.register = entry(isURL ? register.value : resolve(register.value), view, "register")
        }
        if let rules = view.object("rules") {
            for item in rules.node.entries ?? [] {
                guard let setting = rules.object(item.key) else { continue }
                setting.allowOnly(["enabled", "severity"])
                let severity = setting.choice("severity", Severity.allCases.map(\.rawValue)).flatMap { Severity(rawValue: $0.value) }
                let enabled = setting.bool("enabled")?.value
                if severity == nil && enabled == nil {
                    reader.error(at: item.value.offset, "'rules.\(item.key)' must set enabled or severity")
                }
                config.rules.append(ProjectConfig.RuleSetting(ruleId: item.key, enabled: enabled, severity: severity,
                                                              location: location(item.keyOffset)))
            }
        }
    }

    /// `outputs`: each a known format and an optional file (`-` or none: standard output); at most one on standard
    /// output and no file twice, as for `--format`.
    private func readOutputs(_ items: [(node: SourceNode, path: String)]) -> [ProjectConfig.Output] {
        var result: [ProjectConfig.Output] = []
        var toStandardOutput: [String] = []
        var files: Set<String> = []
        for (node, path) in items {
            guard let output = reader.object(node, path: path) else { continue }
            output.allowOnly(["format", "path"])
            guard let format = output.string("format", required: true) else { continue }
            let file = output.string("path").flatMap { $0.value == "-" ? nil : resolve($0.value) }
            let item = ProjectConfig.Output(format: format.value, path: file)
            guard let request = item.request else {
                let names = ReportFormat.allCases.map(\.rawValue)
                reader.error(at: format.origin.offset, "'\(format.origin.path)' must be one of \(names.joined(separator: ", ")), found '\(Excerpt.quote(format.value))'"
                                + (FormatRequest.suggestion(for: format.value.lowercased()).map { " (did you mean '\($0)'?)" } ?? ""))
                continue
            }
            if let file {
                if !files.insert(file).inserted {
                    reader.error(at: output.origin(of: "path").offset, "'\(path).path' names '\(file)' again; give each format its own file")
                }
            } else {
                toStandardOutput.append(request.format.rawValue)
                if toStandardOutput.count == 2 {
                    reader.error(at: node.offset, "'\(path)' is a second format on standard output (\(toStandardOutput.joined(separator: " and "))); give it a 'path'")
                }
            }
            result.append(item)
        }
        return result
    }

    private func entry<Value>(_ value: Value, _ view: ObjectView, _ key: String) -> ProjectConfig.Entry<Value> {
        ProjectConfig.Entry(value: value, location: location(view.node.entry(key)?.keyOffset ?? view.node.offset))
    }

    private func location(_ offset: Int) -> String {
        "\(reader.source.path):\(reader.source.location(ofOffset: offset))"
    }

    /// A path relative to the configuration file, as seen from the working directory.
    private func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), !base.isEmpty else { return path }
        return InputPath.display(URL(fileURLWithPath: base + "/" + path).standardizedFileURL.path)
    }
}
