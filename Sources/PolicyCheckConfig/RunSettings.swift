import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckRender

/// The settings a run uses, each with where it came from: a command-line flag, `.policycheck.yaml`, or the default.
public struct RunSettings: Sendable {
    /// Where a setting's value came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case builtIn
        case commandLine
        /// `file:line:col` in the configuration file.
        case configFile(String)

        public var description: String {
            switch self {
            case .builtIn: return "default"
            case .commandLine: return "command line"
            case .configFile(let location): return location
            }
        }
    }

    /// A value and its source.
    public struct Setting<Value: Sendable>: Sendable {
        public var value: Value
        public var source: Source
    }

    /// What the command line gave (`nil`: the flag was not used).
    public struct Flags: Sendable {
        public var policies: [String]?
        public var failOn: Severity??
        public var exclude: [String]?
        public var inputFormat: InputFormat?
        public var offering: Offering?
        public var jobs: Int?
        public var waivers: String?
        public var baseline: String?
        /// `--inline-ignores` / `--no-inline-ignores`.
        public var inlineIgnores: Bool?
        /// `--format` requests (`--output` is applied to whichever outputs are in force, see `ReportOptions`).
        public var outputs: [ProjectConfig.Output]?
        public var maxFileBytes: Int?
        /// `--allow-blanket-waivers` (a flag only: a file in the checked tree cannot grant it).
        public var allowBlanketWaivers = false
        public var helm: String?
        public var helmValues: [String]?
        public var helmSet: [String]?
        public var kubectl: String?
        public var allowUnrendered: Bool?
        /// `--tf-var-file` and `--tf-var`, in command-line order.
        public var terraformVariables: [TerraformVariableInput]?

        public init() {}
    }

    public var configFile: String?
    /// SHA-256 of the configuration file.
    public var configSHA256: String?
    /// The configuration file was found upward from the working directory, not named with `--config`.
    public var configDiscovered = false
    public var policies: Setting<[String]>
    public var failOn: Setting<Severity?>
    public var exclude: Setting<[String]>
    public var include: Setting<[String]>
    public var inputFormat: Setting<InputFormat?>
    public var offering: Setting<Offering?>
    public var jobs: Setting<Int>
    public var waivers: Setting<String?>
    public var baseline: Setting<String?>
    /// Empty: text to standard output.
    public var outputs: Setting<[ProjectConfig.Output]>
    public var inlineIgnores: Setting<Bool>
    public var maxFileBytes: Setting<Int>
    public var rules: [ProjectConfig.RuleSetting]
    /// Waivers matching every rule or every resource are accepted.
    public var allowBlanketWaivers: Bool
    /// `nil`: found on `PATH`.
    public var helm: Setting<String?>
    public var helmValues: Setting<[String]>
    public var helmSet: Setting<[String]>
    public var kubectl: Setting<String?>
    public var allowUnrendered: Setting<Bool>
    /// Values for Terraform source's root module variables, in order (later wins).
    public var terraformVariables: Setting<[TerraformVariableInput]>

    /// Flags over the configuration over the defaults.
    public init(config: ProjectConfig?, flags: Flags, defaultJobs: Int) {
        func pick<Value>(_ flag: Value?, _ entry: ProjectConfig.Entry<Value>?, _ fallback: Value) -> Setting<Value> {
            if let flag { return Setting(value: flag, source: .commandLine) }
            if let entry { return Setting(value: entry.value, source: .configFile(entry.location)) }
            return Setting(value: fallback, source: .builtIn)
        }
        func optional<Value>(_ flag: Value?, _ entry: ProjectConfig.Entry<Value>?) -> Setting<Value?> {
            if let flag { return Setting(value: flag, source: .commandLine) }
            if let entry { return Setting(value: entry.value, source: .configFile(entry.location)) }
            return Setting(value: nil, source: .builtIn)
        }
        configFile = config?.file
        configSHA256 = config?.sha256
        configDiscovered = config?.discovered ?? false
        policies = pick(flags.policies, config?.policies, [])
        failOn = pick(flags.failOn, config?.failOn, .low)
        exclude = pick(flags.exclude, config?.exclude, [])
        include = pick(nil, config?.include, [])
        inputFormat = optional(flags.inputFormat, config?.inputFormat)
        offering = optional(flags.offering, config?.offering)
        jobs = pick(flags.jobs, config?.jobs, defaultJobs)
        waivers = optional(flags.waivers, config?.waivers)
        baseline = optional(flags.baseline, config?.baseline)
        outputs = pick(flags.outputs, config?.outputs, [])
        inlineIgnores = pick(flags.inlineIgnores, config?.inlineIgnores, true)
        maxFileBytes = pick(flags.maxFileBytes, config?.maxFileSize, ByteSize.defaultMaxFileBytes)
        rules = config?.rules ?? []
        allowBlanketWaivers = flags.allowBlanketWaivers
        helm = optional(flags.helm, config?.helm)
        helmValues = pick(flags.helmValues, config?.helmValues, [])
        helmSet = pick(flags.helmSet, config?.helmSet, [])
        kubectl = optional(flags.kubectl, config?.kubectl)
        allowUnrendered = pick(flags.allowUnrendered, config?.allowUnrendered, false)
        terraformVariables = pick(flags.terraformVariables, config?.terraformVariables, [])
    }

    /// How charts and kustomizations are rendered in a run with these settings.
    public var render: RenderSettings {
        var render = RenderSettings()
        render.helm = helm.value
        render.helmValues = helmValues.value
        render.helmSet = helmSet.value
        render.kubectl = kubectl.value
        render.allowUnrendered = allowUnrendered.value
        return render
    }

    /// The effective configuration, one `key: value  (source)` line each, for `policycheck config show`.
    public var text: String {
        var lines: [(String, String, Source)] = []
        lines.append(("config", configFile ?? "(no .policycheck.yaml found)", .builtIn))
        lines.append(("policies", policies.value.isEmpty ? "(embedded \(PolicyLoader.defaultPackID))" : policies.value.joined(separator: ", "), policies.source))
        lines.append(("failOn", failOn.value?.rawValue ?? "none", failOn.source))
        lines.append(("include", Self.list(include.value), include.source))
        lines.append(("exclude", Self.list(exclude.value), exclude.source))
        lines.append(("inputFormat", inputFormat.value?.rawValue ?? "(detected)", inputFormat.source))
        lines.append(("offering", offering.value?.rawValue ?? "(as stated by each input)", offering.source))
        lines.append(("jobs", String(jobs.value), jobs.source))
        lines.append(("waivers", waivers.value ?? "(none)", waivers.source))
        lines.append(("baseline", baseline.value ?? "(none)", baseline.source))
        let outputsText = outputs.value.isEmpty ? "text to standard output"
            : outputs.value.map { "\($0.format) → \($0.path ?? "standard output")" }.joined(separator: ", ")
        lines.append(("outputs", outputsText, outputs.source))
        lines.append(("inlineIgnores", inlineIgnores.value ? "honoured" : "off (everything shown)", inlineIgnores.source))
        lines.append(("maxFileSize", ByteSize.describe(maxFileBytes.value), maxFileBytes.source))
        lines.append(("helm", helm.value ?? "(helm on PATH)", helm.source))
        lines.append(("helm.values", Self.list(helmValues.value), helmValues.source))
        lines.append(("helm.set", Self.list(helmSet.value.map(Self.shownHelmSet)), helmSet.source))
        lines.append(("kubectl", kubectl.value ?? "(kubectl on PATH)", kubectl.source))
        lines.append(("allowUnrendered", allowUnrendered.value ? "yes (unrendered charts and kustomizations are skipped)" : "no (they fail the run)", allowUnrendered.source))
        lines.append(("terraform.vars", Self.list(terraformVariables.value.map(\.description)), terraformVariables.source))
        for rule in rules {
            var changes: [String] = []
            if let enabled = rule.enabled { changes.append(enabled ? "enabled" : "disabled") }
            if let severity = rule.severity { changes.append("severity \(severity.rawValue)") }
            lines.append(("rules.\(rule.ruleId)", changes.joined(separator: ", "), .configFile(rule.location)))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { key, value, source in
            let origin = key == "config" ? "" : "  (\(source))"
            return key.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(value)\(origin)"
        }.joined(separator: "\n") + "\n"
    }

    /// A `--helm-set key=value` as settings show it: the key, not the value, which may be a password (`helm template
    /// --set db.password=$DB_PASSWORD` is how many charts get their secrets), as a `--tf-var` value is not shown
    /// (hostile tester, round 36: it was written into evidence.json and the reports).
    public static func shownHelmSet(_ set: String) -> String {
        guard let equals = set.firstIndex(of: "=") else { return set }
        return set[..<equals] + "=(value not shown)"
    }

    private static func list(_ values: [String]) -> String {
        values.isEmpty ? "(none)" : values.joined(separator: ", ")
    }
}
