import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// A SAM CLI configuration file (`samconfig.toml`, or `samconfig.yaml`/`.yml`), which `sam deploy` and `sam sync` read
/// from the project folder by default (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html):
/// each environment's (`[default.deploy.parameters]`, `--config-env prod` for `[prod.…]`) `region` is where the stack
/// goes, and its `parameter_overrides` the values the template's parameters take — a compliant `Default` in the
/// template and `AllowedCidr=0.0.0.0/0` here passed before (tester, round 34).
///
/// - The file is an input of its own: each environment's region is a residency reference at its place in the file.
/// - A template in the same folder that the environment deploys (its `template_file`, else `template.yaml`,
///   `template.yml` or `template.json`, SAM's defaults; a `.aws-sam/build/` copy is the template `sam build` copied)
///   takes each environment's overrides as values its parameters may take, beside its own for an environment that
///   does not override them; every environment is judged, as any may be deployed.
struct SAMConfig {
    static let fileNames = ["samconfig.toml", "samconfig.yaml", "samconfig.yml"]
    /// The commands that deploy a stack, and the section every command inherits from.
    static let deployingCommands = ["deploy", "sync"]
    static let templateNames = ["template.yaml", "template.yml", "template.json"]

    /// One way the file deploys: an environment and a command, with what `global` gives it.
    struct Scenario {
        var environment: String
        var command: String
        var region: SourceNode?
        var regionPath: String
        /// The overrides by parameter name, or why they cannot be read.
        var overrides: Result<[String: String], Problem>
        var template: String?

        /// Whether the scenario deploys the template at the real path `template`, from the configuration's folder:
        /// its `template_file` (a `.aws-sam/build/` copy stands for SAM's default names), else SAM's default names.
        func deploys(templateAt template: String, from folder: String) -> Bool {
            var candidates = SAMConfig.templateNames
            if let written = self.template, !written.hasPrefix(".aws-sam/build/"), !written.hasPrefix("./.aws-sam/build/") {
                candidates = [written]
            }
            return candidates.contains { candidate in
                let path = candidate.hasPrefix("/") ? candidate : (folder.hasSuffix("/") ? folder : folder + "/") + candidate
                return SAMConfig.realPath(path) == template
            }
        }
    }

    struct Problem: Error {
        let message: String
        let offset: Int
    }

    let scenarios: [Scenario]

    /// A mapping with a numeric `version` whose every other key is an environment: a mapping of SAM commands (any
    /// name), each with a `parameters` mapping of option values (scalars or lists of them — a CI system's `parameters`, whose
    /// values are mappings, are not SAM's).
    static func recognises(_ root: SourceNode) -> Bool {
        guard let entries = root.entries, root["version"]?.numberLiteral != nil else { return false }
        var found = false
        for entry in entries where entry.key != "version" {
            guard let commands = entry.value.entries, !commands.isEmpty else { return false }
            for command in commands {
                // Any command's section (SAM adds commands: `remote_test_event_put`); a CI file's `parameters`
                // are mappings, never plain options.
                guard let parameters = command.value["parameters"]?.entries else { return false }
                let plain = parameters.allSatisfy { option in
                    option.value.entries == nil && (option.value.items?.allSatisfy { $0.entries == nil && $0.items == nil } ?? true)
                }
                guard plain else { return false }
                found = true
            }
        }
        return found
    }

    init(_ root: SourceNode) {
        var scenarios: [Scenario] = []
        for entry in root.entries ?? [] where entry.key != "version" {
            guard let commands = entry.value.entries else { continue }
            let global = entry.value["global"]?["parameters"]
            let names = Set(commands.map(\.key))
            let deploying = Self.deployingCommands.filter { names.contains($0) && entry.value[$0]?["parameters"] != nil }
            // With no deploy or sync section of its own, `sam deploy --config-env <name>` still reads `global`.
            for command in deploying.isEmpty ? (global == nil ? [] : ["deploy"]) : deploying {
                let own = entry.value[command]?["parameters"]
                func setting(_ key: String) -> (node: SourceNode, section: String)? {
                    if let node = own?[key] { return (node, command) }
                    if let node = global?[key] { return (node, "global") }
                    return nil
                }
                let region = setting("region")
                let overrides = setting("parameter_overrides").map { Self.overrides($0.node) } ?? .success([:])
                // Without a template of its own, or with the copy `sam build` makes, `sam deploy` deploys what
                // `sam build` built: the build section's.
                let build = entry.value["build"]?["parameters"]
                let named = (setting("template_file") ?? setting("template"))?.node.string
                let built = (build?["template_file"] ?? build?["template"])?.string
                let template = named.map { $0.hasPrefix(".aws-sam/build/") || $0.hasPrefix("./.aws-sam/build/") ? built ?? $0 : $0 } ?? built
                scenarios.append(Scenario(environment: entry.key, command: command, region: region?.node,
                                          regionPath: "\(entry.key).\(region?.section ?? command).parameters.region",
                                          overrides: overrides, template: template))
            }
        }
        self.scenarios = scenarios
    }

    /// The file's deployment: each environment's region, a residency reference at its place.
    static func deployment(_ root: SourceNode, source: SourceFile, options: AdapterOptions) -> Deployment {
        var deployment = Deployment(name: source.path, source: source, format: .cloudFormation,
                                    origin: Origin(offset: root.offset, path: ""))
        deployment.qualifiesResourceNames = false
        if let offering = options.offering { deployment.offering = Located(offering, at: deployment.origin) }
        deployment.rawNode = root
        let config = SAMConfig(root)
        var placed: Set<Int> = []
        for scenario in config.scenarios {
            if case .failure(let problem) = scenario.overrides, placed.insert(-1 - problem.offset).inserted {
                deployment.notices.append(Diagnostic(source, offset: problem.offset, problem.message))
            }
            guard let node = scenario.region, placed.insert(node.offset).inserted else { continue }
            let origin = Origin(offset: node.offset, path: scenario.regionPath)
            let role = "stack region (sam \(scenario.command), environment '\(scenario.environment)')"
            if let region = node.string, !region.isEmpty {
                deployment.regions.append(RegionReference(region, at: origin, component: scenario.environment, role: role))
            } else {
                deployment.regions.append(RegionReference(unknown: "the region is not a string", at: origin,
                                                          component: scenario.environment, role: role))
            }
        }
        return deployment
    }

    /// `parameter_overrides`: a string of `Key=Value` (or `ParameterKey=Key,ParameterValue=Value`) separated by
    /// spaces, values quoted as a shell quotes them, or a list of such items.
    static func overrides(_ node: SourceNode) -> Result<[String: String], Problem> {
        let items: [String]
        if let text = node.string {
            items = shellWords(text)
        } else if let list = node.items, list.allSatisfy({ $0.string != nil }) {
            items = list.flatMap { shellWords($0.string!) }
        } else {
            return .failure(Problem(message: "parameter_overrides is neither a string nor a list of strings, so the values it gives the template's parameters cannot be read", offset: node.offset))
        }
        var values: [String: String] = [:]
        for item in items {
            var key: Substring
            var value: Substring
            if item.hasPrefix("ParameterKey="), let comma = item.range(of: ",ParameterValue=") {
                key = item[item.index(item.startIndex, offsetBy: "ParameterKey=".count)..<comma.lowerBound]
                value = item[comma.upperBound...]
            } else if let equals = item.firstIndex(of: "=") {
                key = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                // Not quoted: an override's text may be a secret.
                return .failure(Problem(message: "a parameter_overrides item is not Key=Value (nor ParameterKey=…,ParameterValue=…)", offset: node.offset))
            }
            key = Substring(key.trimmingCharacters(in: .whitespaces))
            value = Substring(shellWords(String(value)).joined(separator: " "))
            values[String(key)] = String(value)
        }
        return .success(values)
    }

    /// Words split at unquoted whitespace, quotes removed (a value may be quoted to hold spaces).
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var inWord = false
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            if character == "\\", quote != "'" {
                escaped = true
                inWord = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    // MARK: - A template's parameters

    /// What deploys a template: the scenarios of every configuration that names it, or a configuration that cannot
    /// be read (which may).
    struct Deploying {
        var scenarios: [(scenario: Scenario, file: String)] = []
        var unreadable: String?
    }

    /// The first of SAM's file names present in a folder (a real path), as a path.
    static func firstPresent(in folder: String) -> String? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return fileNames.lazy.map { prefix + $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// A path's folder (`/` for a file at the root, `.` for a bare name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The configuration in the file's bytes, `nil` when it cannot be read; one that is no configuration sets
    /// nothing.
    static func load(_ path: String) -> SAMConfig? {
        guard let bytes = try? FileBytes.read(path, limit: 4 << 20) else { return nil }
        let root: SourceNode
        if path.hasSuffix(".toml") {
            guard let read = try? TOMLReader().read(bytes) else { return nil }
            root = read
        } else {
            // An empty file, or comments alone, is a configuration that sets nothing.
            guard let documents = try? YAMLReader().read(bytes) else { return nil }
            root = documents.first ?? SourceNode(.mapping([]), offset: 0)
        }
        return recognises(root) ? SAMConfig(root) : SAMConfig(scenarios: [])
    }

    /// The template's parameters with the values the environments that deploy it give them: each overriding
    /// environment's value, and the template's own for each that does not override it.
    static func apply(_ deploying: SAMConfigurations.Deploying, to parameters: inout [String: TemplateParameter]) {
        for (parameterName, var parameter) in parameters {
            if let file = deploying.unreadable {
                parameter.given = .unknown("\(file), a SAM configuration that may set parameter '\(parameterName)', cannot be read")
                parameters[parameterName] = parameter
                continue
            }
            var values: [SourceNode] = []
            var overridden = false
            var reason: String?
            for (scenario, file) in deploying.scenarios {
                switch scenario.overrides {
                case .failure:
                    reason = reason ?? "\(file) gives parameter overrides for environment '\(scenario.environment)' that cannot be read"
                    overridden = true
                case .success(let overrides):
                    if let value = overrides[parameterName] {
                        overridden = true
                        values.append(SourceNode(.string(value), offset: parameter.node.offset))
                    } else {
                        let own = parameter.allowedValues.isEmpty ? parameter.defaultValue.map { [$0] } ?? [] : parameter.allowedValues
                        if own.isEmpty { reason = reason ?? "parameter '\(parameterName)' has no Default; its value is chosen at deployment" }
                        values += own
                    }
                }
            }
            guard overridden else { continue }
            parameter.given = reason.map { .unknown($0) } ?? .values(values)
            parameters[parameterName] = parameter
        }
    }

    private init(scenarios: [Scenario]) { self.scenarios = scenarios }
}

/// SAM CLI's configuration file names, for the run's discovery.
package enum SAMConfigNames {
    /// Whether a path names one of them, by its last component (as SAM spells them: it reads no other case), tested
    /// by bytes, as it is asked of every input of a run (Foundation's `lastPathComponent` costs some 60,000
    /// instructions a path).
    package static func names(_ path: String) -> Bool {
        let utf8 = path.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let count = utf8.distance(from: start, to: utf8.endIndex)
        guard count == 13 || count == 14 else { return false }
        return SAMConfig.fileNames.contains(String(path[start...]))
    }

    /// A path's last component.
    package static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
