import PolicyCheckConfig

/// The configuration on the pages: the file, then every setting that changed what was checked or how strictly, with
/// the weakening ones called out first (docs/security.md).
extension EvidenceSections {
    static func configurationCell(_ configuration: EvidenceContext.Configuration) -> Cell {
        guard let file = configuration.file else { return Cell("none (no .policycheck.yaml)") }
        let found = configuration.discovered
            ? "found upward from the working directory" + (configuration.treeConfigAllowed ? "; allowed to weaken the gate by --allow-tree-config" : "")
            : "named with --config"
        return Cell(file, .code, detail: "SHA-256 \(configuration.sha256 ?? "unavailable") · \(found)")
    }

    static func settingsBlocks(_ configuration: EvidenceContext.Configuration) -> [EvidenceSection.Block] {
        guard !configuration.settings.isEmpty else {
            return [.paragraph("Every setting that changes what is checked or how strictly is at its default.")]
        }
        var blocks: [EvidenceSection.Block] = []
        let weakening = configuration.weakening
        if !weakening.isEmpty {
            blocks.append(.note("\(weakening.count) setting\(weakening.count == 1 ? "" : "s") weaken\(weakening.count == 1 ? "s" : "") the gate "
                                + "or may, against the default pack and settings: " + weakening.map { "\($0.name) \($0.value)" }.joined(separator: "; ") + "."))
        }
        blocks.append(.heading("Settings that changed the outcome"))
        blocks.append(.table(.init("settings", headers: ["Setting", "Value", "Source", "Effect"], rows: configuration.settings.map { entry in
            [Cell(entry.name, .code), Cell(entry.value, .code), Cell(entry.source.description, .code),
             Cell(entry.effect.rawValue, .badge(tone(entry.effect)), detail: entry.note)]
        })))
        return blocks
    }

    private static func tone(_ effect: SettingsAudit.Effect) -> String {
        switch effect {
        case .weakens, .changes: return "fail"
        case .strengthens: return "pass"
        case .neutral: return "na"
        }
    }
}
