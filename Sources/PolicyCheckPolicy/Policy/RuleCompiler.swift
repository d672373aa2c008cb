import PolicyCheckModel
import PolicyCheckSyntax

/// Compiles one rule of a pack: validates its metadata and instantiates its check with its parameters — a built-in
/// `check`, or a custom `select`/`assert` — applying the `override`s of packs that extend the defining pack.
struct RuleCompiler {
    let view: ObjectView
    let packID: String
    /// The file of the defining pack.
    var packOrigin: String = ""
    /// Changes from extending packs, nearest ancestor first (the last one wins).
    var overrides: [RuleOverride] = []

    static let fields = [
        "id", "title", "category", "severity", "controls", "description", "remediation", "appliesTo", "check",
        "parameters", "select", "assert", "message",
    ]

    init(view: ObjectView, packID: String) {
        self.view = view
        self.packID = packID
    }

    func compile() -> CompiledRule? {
        let before = view.reader.errorCount
        let overrideErrorsBefore = overrides.map(\.view.reader.errorCount)
        view.allowOnly(Self.fields)
        let id = view.string("id", required: true)
        if let id, !Self.isValidID(id.value) {
            view.reader.error(at: id.origin.offset, "rule id '\(Excerpt.quote(id.value))' must be letters, digits, '-', '_' or '.'")
        }
        let title = view.string("title", required: true)
        if let title, !title.value.hasPrefix("Ensure ") {
            view.reader.warning(at: title.origin.offset, "a rule title should be an \"Ensure …\" sentence")
        }
        let isCustom = view.value("assert") != nil
        let category = view.choice("category", RuleCategory.allCases.map(\.rawValue), required: !isCustom)
        var severity = view.choice("severity", Severity.allCases.map(\.rawValue), required: true)?.value
        var controls = view.strings("controls").map { ($0, view.reader) }
        var remediation = view.string("remediation")?.value ?? ""
        let description = view.string("description")?.value ?? ""
        let applicability = readApplicability()
        for change in overrides {
            if let value = change.view.choice("severity", Severity.allCases.map(\.rawValue)) { severity = value.value }
            if change.view.value("controls") != nil { controls = change.view.strings("controls").map { ($0, change.view.reader) } }
            if let value = change.view.string("remediation") { remediation = value.value }
        }
        for (control, reader) in controls { Self.validate(control, reader: reader) }
        let compiled = isCustom ? compileAssertion() : compileCheck()
        guard view.reader.errorCount == before, overrides.map(\.view.reader.errorCount) == overrideErrorsBefore,
              let id, let title, let severity, let compiled else { return nil }
        var rule = PolicyRule(
            id: id.value, title: title.value, category: RuleCategory(rawValue: category?.value ?? "custom")!,
            severity: Severity(rawValue: severity)!, controls: controls.map(\.0.value), description: description,
            remediation: remediation, appliesTo: applicability, checkName: compiled.name, packID: packID
        )
        rule.packOrigin = packOrigin
        rule.overriddenBy = overrides.map { "\($0.packID) (\($0.origin))" }
        return CompiledRule(rule: rule, check: compiled.check)
    }

    // MARK: - Checks

    private func compileCheck() -> (name: String, check: any Check)? {
        for key in ["select", "message"] where view.value(key) != nil {
            view.reader.error(at: view.origin(of: key).offset, "'\(key)' belongs to custom rules (with 'assert'); this rule runs a built-in check")
        }
        guard let checkName = view.string("check", required: true) else { return nil }
        guard let checkType = CheckRegistry.check(named: checkName.value) else {
            view.reader.error(
                at: checkName.origin.offset,
                "unknown check '\(Excerpt.quote(checkName.value))'" + Suggestion.clause(for: checkName.value, among: CheckRegistry.names)
            )
            return nil
        }
        var layers: [(node: SourceNode?, path: String, reader: NodeReader)] = overrides.reversed().map { change in
            (change.view.value("parameters"), change.view.childPath("parameters"), change.view.reader)
        }
        layers.append((view.value("parameters"), view.childPath("parameters"), view.reader))
        let parameters = CheckParameters(layers: layers, fallback: view.reader)
        let check = checkType.init(parameters: parameters)
        parameters.rejectUnread(checkName: checkType.name)
        return (checkName.value, check)
    }

    private func compileAssertion() -> (name: String, check: any Check)? {
        for key in ["check", "parameters"] where view.value(key) != nil {
            view.reader.error(at: view.origin(of: key).offset, "a rule has either 'check' (a built-in) or 'assert' (a custom rule), not both")
        }
        for change in overrides where change.view.value("parameters") != nil {
            change.view.reader.error(at: change.view.origin(of: "parameters").offset,
                                     "custom rules have no parameters to override; redefine the rule in your pack instead")
        }
        let check = AssertionCompiler(reader: view.reader).compile(
            select: view.value("select"), selectPath: view.childPath("select"),
            assert: view.value("assert"), assertPath: view.childPath("assert"),
            message: view.string("message"), ruleOffset: view.node.offset
        )
        return check.map { (AssertionCheck.name, $0) }
    }

    // MARK: - Metadata

    private func readApplicability() -> Applicability {
        guard let applies = view.object("appliesTo") else { return Applicability() }
        applies.allowOnly(["offerings", "formats"])
        var result = Applicability()
        for offering in applies.strings("offerings") {
            if let value = Offering(rawValue: offering.value) {
                result.offerings.append(value)
            } else {
                view.reader.error(at: offering.origin.offset, "unknown offering '\(Excerpt.quote(offering.value))'; expected dedicated or shared")
            }
        }
        for format in applies.strings("formats") {
            if let value = InputFormat(rawValue: format.value) {
                result.formats.append(value)
            } else {
                let names = InputFormat.allCases.map(\.rawValue)
                view.reader.error(at: format.origin.offset, "unknown input format '\(Excerpt.quote(format.value))'"
                                  + Suggestion.clause(for: format.value, among: names))
            }
        }
        return result
    }

    /// Reports a control id that is malformed or unknown to its framework (an unknown framework is a warning).
    static func validate(_ control: Located<String>, reader: NodeReader) {
        let offset = control.origin.offset
        let text = Excerpt.quote(control.value)
        switch ControlCatalog.check(control.value) {
        case .valid:
            break
        case .malformed:
            reader.error(at: offset, "control '\(text)' must be framework-qualified, e.g. SOC2:CC6.1")
        case .unknownFramework(let framework):
            reader.warning(at: offset, "unknown control framework '\(Excerpt.quote(framework))' in '\(text)'; known: "
                           + ControlCatalog.frameworks.joined(separator: ", ")
                           + Suggestion.clause(for: framework, among: ControlCatalog.frameworks))
        case .unknownControl(let framework, let expected):
            reader.error(at: offset, "unknown \(framework) control '\(text)'; expected \(expected)")
        }
    }

    static func isValidID(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}
