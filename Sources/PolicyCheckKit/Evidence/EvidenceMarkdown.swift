/// `report.md`: the same content as `report.html`, in GitHub-flavoured Markdown. Text from inputs is escaped so it
/// cannot open links, images, HTML or break a table.
public enum EvidenceMarkdown {
    public static func render(_ document: EvidenceDocument, sections: [EvidenceSection]) -> String {
        let report = document.report
        var md = "# Policy compliance evidence\n\n"
        md += "\(escape(report.toolName)) \(escape(report.toolVersion)) · evidence bundle v\(EvidenceDocument.version) · "
        md += "scope \(escape(document.context.scope.joined(separator: ", "))) · evaluated \(report.evaluatedAt.description)\n\n"
        md += "## Verdict: \(document.verdict)\n\n"
        md += "**\(escape(document.verdictExplanation))** \(report.findings.count) findings · \(report.failingFindings.count) failing · "
        md += "\(report.suppressedFindings.count) suppressed · \(document.count(.pass)) passing checks · \(report.errors.count) input errors\n\n"
        md += "> \(escape(EvidenceDocument.disclaimer))\n\n"
        for section in sections { md += render(section) }
        md += "---\n\nRun `\(document.runId)` · evidence.json lists the SHA-256 of this file"
        md += document.context.signer == nil ? "" : " and is signed (evidence.json.sig)"
        md += " · verify with `policycheck verify-report DIR --pubkey KEY.pem`\n"
        return md
    }

    static func render(_ section: EvidenceSection) -> String {
        var md = "## \(escape(section.title))\n\n"
        for block in section.blocks {
            switch block {
            case .paragraph(let text): md += "\(escape(text))\n\n"
            case .note(let text): md += "> **Note:** \(escape(text))\n\n"
            case .heading(let text): md += "### \(escape(text))\n\n"
            case .facts(let facts):
                md += "| | |\n| --- | --- |\n"
                for (label, cell) in facts { md += "| **\(escape(label))** | \(render(cell)) |\n" }
                md += "\n"
            case .table(let table):
                md += "| " + table.headers.map(escape).joined(separator: " | ") + " |\n"
                md += "| " + table.headers.map { _ in "---" }.joined(separator: " | ") + " |\n"
                for row in table.rows { md += "| " + row.map(render).joined(separator: " | ") + " |\n" }
                md += "\n"
            }
        }
        return md
    }

    static func render(_ cell: EvidenceSection.Cell) -> String {
        var text: String
        switch cell.style {
        case .code: text = code(cell.text)
        case .badge: text = "**\(escape(cell.text))**"
        case .plain, .number: text = escape(cell.text)
        }
        if let detail = cell.detail, !detail.isEmpty { text += "<br>" + escape(detail) }
        return text
    }

    /// Inline code that survives any backticks in the text, with table pipes escaped.
    static func code(_ text: String) -> String {
        let flat = flatten(text).replacingOccurrences(of: "|", with: "\\|")
        var fence = "`"
        while flat.contains(fence) { fence += "`" }
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// Escapes Markdown and HTML punctuation; newlines become spaces (one table row per line).
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in flatten(text) {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~": result += "\\" + String(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func flatten(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
