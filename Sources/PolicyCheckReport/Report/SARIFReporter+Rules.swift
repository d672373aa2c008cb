import PolicyCheckPolicy

// MARK: - Rule descriptors

extension SARIFReporter {
    /// One `reportingDescriptor`: a rule's metadata as SARIF and GitHub code scanning read it.
    struct RuleDescriptor {
        var id: String
        var title: String
        var description: String
        var remediation: String
        var category: RuleCategory
        var severity: Severity
        var controls: [String]

        init(_ rule: PolicyRule) {
            self.init(id: rule.id, title: rule.title, description: rule.description, remediation: rule.remediation,
                      category: rule.category, severity: rule.severity, controls: rule.controls)
        }

        init(id: String, title: String, description: String, remediation: String, category: RuleCategory,
             severity: Severity, controls: [String]) {
            self.id = id
            self.title = title
            self.description = description.isEmpty ? title : description
            self.remediation = remediation
            self.category = category
            self.severity = severity
            self.controls = controls
        }

        func write(into json: inout JSONWriter) {
            json.beginObject()
            json.field("id", id)
            json.field("name", SARIFReporter.ruleName(title: title, id: id))
            json.key("shortDescription")
            json.beginObject()
            json.field("text", title)
            json.endObject()
            json.key("fullDescription")
            json.beginObject()
            json.field("text", description)
            json.endObject()
            json.key("help")
            json.beginObject()
            json.field("text", helpText)
            json.field("markdown", helpMarkdown)
            json.endObject()
            json.key("defaultConfiguration")
            json.beginObject()
            json.field("level", SARIFReporter.level(severity))
            json.endObject()
            json.key("properties")
            json.beginObject()
            json.field("tags", strings: ["security", "compliance", category.rawValue] + controls)
            json.field("security-severity", SARIFReporter.securitySeverity(severity))
            json.field("precision", "very-high")
            json.field("severity", severity.rawValue)
            json.field("category", category.rawValue)
            json.field("controls", strings: controls)
            json.endObject()
            json.endObject()
        }

        private var helpText: String {
            var text = description
            if !remediation.isEmpty { text += "\n\nRemediation: " + remediation }
            if !controls.isEmpty { text += "\n\nControls: " + controls.joined(separator: ", ") }
            return text
        }

        private var helpMarkdown: String {
            var text = MarkdownText.escape(description, inertLinks: false)
            if !remediation.isEmpty { text += "\n\n**Remediation:** " + MarkdownText.escape(remediation, inertLinks: false) }
            if !controls.isEmpty {
                text += "\n\n**Controls:** " + controls.map { MarkdownText.escape($0, inertLinks: false) }.joined(separator: ", ")
            }
            return text
        }
    }

    /// Every rule in force, then any rule a finding names that the report does not list (e.g. a report rebuilt from
    /// findings alone), so every result has a `ruleIndex`.
    static func descriptors(_ report: CheckReport) -> [RuleDescriptor] {
        var descriptors = report.rules.map(RuleDescriptor.init)
        var known = Set(descriptors.map(\.id))
        for finding in report.findings where !known.contains(finding.ruleId) {
            known.insert(finding.ruleId)
            descriptors.append(RuleDescriptor(
                id: finding.ruleId, title: finding.title, description: finding.title, remediation: finding.remediation,
                category: finding.category, severity: finding.cannotVerify ? .info : finding.severity,
                controls: finding.controls))
        }
        return descriptors
    }

    /// A PascalCase name from the title without its leading "Ensure" (`EveryDataStoreIsEncryptedAtRest`), or from
    /// the id when the title has no letters.
    static func ruleName(title: String, id: String) -> String {
        var words = title.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        if words.first?.lowercased() == "ensure", words.count > 1 { words.removeFirst() }
        if words.isEmpty { words = id.split { !$0.isLetter && !$0.isNumber }.map { $0.lowercased() } }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
