import PolicyCheckModel

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

    public static func render(_ section: EvidenceSection) -> String {
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

    /// Inline code that survives any backticks in the text, with table pipes escaped. Backticks and pipes are found
    /// per Unicode scalar: a character that fuses with the next one (U+0600 is a Prepend) must not hide it.
    static func code(_ text: String) -> String {
        var flat = String.UnicodeScalarView()
        var run = 0
        var longestRun = 0
        for scalar in flatten(text) {
            if scalar == "|" { flat.append("\\") }
            flat.append(scalar)
            run = scalar == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let pad = flat.first == "`" || flat.last == "`" ? " " : ""
        return fence + pad + String(flat) + pad + fence
    }

    /// Escapes Markdown and HTML punctuation; newlines become spaces (one table row per line). Scalar by scalar,
    /// not character by character: `"\u{600}<"` is one character, and compared as a character it is not `<`.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in flatten(text) {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~":
                result += "\\"
                result.unicodeScalars.append(scalar)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text's scalars with every line break (LF, CR, VT, FF, NEL, LS, PS) made a space.
    /// Bidi formatting characters and the other control characters (ESC, BEL, DEL, C1: a file name's
    /// `ESC ] 0 ;` retitled the terminal of whoever ran `cat report.md`, and `ESC [ 8 m` hid the rest of a finding's
    /// row) are spelt out (`\u{202E}`, `\u{1B}`), as every report shows them.
    private static func flatten(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return [" "]
            case 0x00...0x08, 0x0E...0x1F, 0x7F...0x84, 0x86...0x9F:
                return Array(TerminalText.visible(scalar.value).unicodeScalars)
            case let value where TerminalText.isBidiControl(value): return Array(TerminalText.visible(value).unicodeScalars)
            default: return [scalar]
            }
        }
    }
}
