import PolicyCheckSyntax

/// Compiles one rule of a pack: validates its metadata and instantiates its check with its parameters.
struct RuleCompiler {
    let view: ObjectView
    let packID: String

    static let fields = [
        "id", "title", "category", "severity", "controls", "description", "remediation", "appliesTo", "check",
        "parameters",
    ]

    func compile() -> CompiledRule? {
        let before = view.reader.diagnostics.count
        view.allowOnly(Self.fields)
        let id = view.string("id", required: true)
        if let id, !Self.isValidID(id.value) {
            view.reader.error(at: id.origin.offset, "rule id '\(Excerpt.quote(id.value))' must be letters, digits, '-', '_' or '.'")
        }
        let title = view.string("title", required: true)
        let category = view.choice("category", RuleCategory.allCases.map(\.rawValue), required: true)
        let severity = view.choice("severity", Severity.allCases.map(\.rawValue), required: true)
        let controls = view.strings("controls")
        for control in controls where !Self.isValidControl(control.value) {
            view.reader.error(
                at: control.origin.offset,
                "control '\(Excerpt.quote(control.value))' must be framework-qualified, e.g. SOC2:CC6.1"
            )
        }
        let description = view.string("description")?.value ?? ""
        let remediation = view.string("remediation")?.value ?? ""
        let applicability = readApplicability()
        let checkName = view.string("check", required: true)
        var checkType: (any Check.Type)?
        if let checkName {
            checkType = CheckRegistry.check(named: checkName.value)
            if checkType == nil {
                view.reader.error(
                    at: checkName.origin.offset,
                    "unknown check '\(Excerpt.quote(checkName.value))'" + Suggestion.clause(for: checkName.value, among: CheckRegistry.names)
                )
            }
        }
        let parameters = CheckParameters(node: view.value("parameters"), path: view.childPath("parameters"), reader: view.reader)
        let check = checkType.map { $0.init(parameters: parameters) }
        if let checkType { parameters.rejectUnread(checkName: checkType.name) }
        guard view.reader.diagnostics.count == before, let id, let title, let category, let severity, let check,
              let checkName else { return nil }
        let rule = PolicyRule(
            id: id.value, title: title.value, category: RuleCategory(rawValue: category.value)!,
            severity: Severity(rawValue: severity.value)!, controls: controls.map(\.value), description: description,
            remediation: remediation, appliesTo: applicability, checkName: checkName.value, packID: packID
        )
        return CompiledRule(rule: rule, check: check)
    }

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

    static func isValidID(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    /// `FRAMEWORK:ID`, e.g. `SOC2:CC6.1`, `ISO27001-2022:A.8.24`, `NIST-800-53r5:SC-28(1)`.
    static func isValidControl(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(" ")
    }
}
