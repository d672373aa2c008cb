import PolicyCheckPolicy

/// Every setting of a run that changed what is checked or how strictly, with its value, where it came from, and
/// whether it makes the gate weaker than the packs in force with the default settings. The evidence shows all of
/// them; a configuration file found upward from the working directory (the pull request's checkout, in CI) may
/// not carry a weakening one unless the run opts in (docs/security.md).
public struct SettingsAudit: Sendable {
    /// What a setting does to the gate.
    public enum Effect: String, Sendable, Hashable {
        /// Can only remove findings or raise the bar for failing: a rule off, a lower severity, files left out, a
        /// higher threshold.
        case weakens
        /// Can weaken or strengthen, and which cannot be judged: other packs, a forced input format or offering.
        case changes
        /// Can only add findings or lower the bar.
        case strengthens
        /// Suppresses listed findings visibly (waivers, baseline) or changes neither direction (size limit).
        case neutral
    }

    /// One setting.
    public struct Entry: Sendable, Hashable {
        /// The key in `.policycheck.yaml` (`failOn`, `exclude`, `rules.MMC-ENC-001`, …).
        public var name: String
        public var value: String
        public var source: RunSettings.Source
        public var effect: Effect
        /// Why it has that effect, in a few words.
        public var note: String
    }

    public var entries: [Entry]

    /// The entries of `settings`, judged against `basePolicy` — the packs in force before per-rule settings apply.
    public init(_ settings: RunSettings, basePolicy: CompiledPolicy) {
        var entries: [Entry] = []
        func add(_ name: String, _ value: String, _ source: RunSettings.Source, _ effect: Effect, _ note: String) {
            guard source != .builtIn else { return }
            entries.append(Entry(name: name, value: value, source: source, effect: effect, note: note))
        }
        add("policies", settings.policies.value.joined(separator: ", "), settings.policies.source, .changes,
            "replaces the embedded \(PolicyLoader.defaultPackID) pack")
        let threshold = settings.failOn.value
        add("failOn", threshold?.rawValue ?? "none", settings.failOn.source,
            threshold.map { $0 > .low ? .weakens : $0 < .low ? .strengthens : .neutral } ?? .weakens,
            threshold.map { $0 > .low ? "findings below \($0.rawValue) no longer fail" : "at or below the default (low)" }
                ?? "no finding fails the run")
        add("include", settings.include.value.joined(separator: ", "), settings.include.source, .weakens,
            "files a walk finds outside these globs are not checked")
        add("exclude", settings.exclude.value.joined(separator: ", "), settings.exclude.source, .weakens,
            "matching files are not checked")
        if let format = settings.inputFormat.value {
            add("inputFormat", format.rawValue, settings.inputFormat.source, .changes, "every input is read as this format, whatever it is")
        }
        if let offering = settings.offering.value {
            add("offering", offering.rawValue, settings.offering.source, .changes, "rules for the other offering do not apply")
        }
        if let waivers = settings.waivers.value {
            add("waivers", waivers, settings.waivers.source, .neutral, "approved waivers suppress findings, each listed")
        }
        if let baseline = settings.baseline.value {
            add("baseline", baseline, settings.baseline.source, .neutral, "known findings are suppressed, each listed")
        }
        if settings.allowBlanketWaivers {
            add("allowBlanketWaivers", "true", .commandLine, .weakens, "waivers may match every rule or every resource")
        }
        add("inlineIgnores", settings.inlineIgnores.value ? "honoured" : "off", settings.inlineIgnores.source,
            settings.inlineIgnores.value ? .neutral : .strengthens,
            settings.inlineIgnores.value ? "inline ignores suppress findings, each listed" : "inline ignores are not honoured")
        add("maxFileSize", ByteSize.describe(settings.maxFileBytes.value), settings.maxFileBytes.source, .neutral,
            "a larger input is an error, never skipped")
        // A tree file that names the renderer would have the gate run a program of the pull request's choosing,
        // which could print anything as the "rendered" chart; values decide what a chart renders.
        if let helm = settings.helm.value {
            add("helm.path", helm, settings.helm.source, .changes, "the program that renders Helm charts")
        }
        add("helm.values", settings.helmValues.value.joined(separator: ", "), settings.helmValues.source, .changes,
            "values files decide what each chart renders")
        add("helm.set", settings.helmSet.value.map(RunSettings.shownHelmSet).joined(separator: ", "), settings.helmSet.source, .changes,
            "values decide what each chart renders")
        if let kubectl = settings.kubectl.value {
            add("kubectl", kubectl, settings.kubectl.source, .changes, "the program that builds kustomizations")
        }
        add("allowUnrendered", settings.allowUnrendered.value ? "true" : "false", settings.allowUnrendered.source,
            settings.allowUnrendered.value ? .weakens : .neutral,
            settings.allowUnrendered.value ? "charts and kustomizations that cannot be rendered are not checked and do not fail the run"
                : "charts and kustomizations that cannot be rendered fail the run")
        // Variable values decide what a Terraform module evaluates to: which resources exist, and their settings.
        add("terraform.vars", settings.terraformVariables.value.map(\.description).joined(separator: ", "),
            settings.terraformVariables.source, .changes, "values decide what each Terraform root module evaluates to")
        // Looked up once for all per-rule settings: `rule(id:)` scans every pack, once per setting.
        let baseSeverities = settings.rules.isEmpty ? [:] : Dictionary(
            basePolicy.rules.map { ($0.rule.id, $0.rule.severity) }, uniquingKeysWith: { first, _ in first })
        for rule in settings.rules {
            entries += Self.entries(for: rule, baseSeverity: baseSeverities[rule.ruleId])
        }
        self.entries = entries
    }

    /// The entries from the configuration file that weaken the gate or may.
    public var mayWeakenFromConfig: [Entry] {
        entries.filter {
            guard case .configFile = $0.source else { return false }
            return $0.effect == .weakens || $0.effect == .changes
        }
    }

    /// `baseSeverity` is that of the first rule in force with the setting's id, before any setting applies.
    private static func entries(for setting: ProjectConfig.RuleSetting, baseSeverity: Severity?) -> [Entry] {
        let name = "rules.\(setting.ruleId)"
        let source = RunSettings.Source.configFile(setting.location)
        var result: [Entry] = []
        if setting.enabled == false {
            result.append(Entry(name: name, value: "disabled", source: source, effect: .weakens, note: "the rule is not evaluated"))
        }
        if let severity = setting.severity, setting.enabled != false,
           let base = baseSeverity, severity != base {
            result.append(Entry(name: name, value: "severity \(base.rawValue) → \(severity.rawValue)", source: source,
                                effect: severity < base ? .weakens : .strengthens,
                                note: severity < base ? "its findings count as less severe" : "its findings count as more severe"))
        }
        return result
    }
}
