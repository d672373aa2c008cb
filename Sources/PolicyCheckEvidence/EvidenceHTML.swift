import PolicyCheckModel

/// `report.html`: one self-contained page (inline CSS with a print stylesheet, no scripts, no external assets).
/// Every piece of text from inputs, packs or waivers is HTML-escaped.
public enum EvidenceHTML {
    public static func render(_ document: EvidenceDocument, sections: [EvidenceSection]) -> String {
        let report = document.report
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Policy compliance evidence — \(escape(document.runId))</title>
            <style>
            \(EvidenceHTMLStyle.css)</style>
            </head>
            <body>
            <header class="masthead">
            <p class="eyebrow">\(escape(report.toolName)) \(escape(report.toolVersion)) · evidence bundle v\(EvidenceDocument.version)</p>
            <h1>Policy compliance evidence</h1>
            <p class="scope">\(escape(document.context.scope.joined(separator: ", "))) · evaluated \(escape(report.evaluatedAt.description))</p>
            </header>
            <section class="verdict verdict-\(document.verdict.lowercased())">
            <div class="verdict-word">\(document.verdict)</div>
            <div class="verdict-text"><strong>\(escape(document.verdictExplanation))</strong>
            <span>Threshold: \(escape(report.failOn?.rawValue ?? "none")) · run \(escape(document.runId))</span></div>
            </section>
            <div class="tiles">
            \(tile(report.inputs.filter { $0.status == .evaluated }.count, "inputs evaluated"))\
            \(tile(report.deploymentCount, "deployments"))\
            \(tile(document.count(.pass), "checks passed"))\
            \(tile(report.failingFindings.count, "failing findings", tone: report.failingFindings.isEmpty ? nil : "fail"))\
            \(tile(report.suppressedFindings.count, "suppressed", tone: report.suppressedFindings.isEmpty ? nil : "waived"))\
            \(tile(report.errors.count, "input errors", tone: report.errors.isEmpty ? nil : "fail"))
            </div>
            <p class="disclaimer">\(escape(EvidenceDocument.disclaimer))</p>
            <nav class="toc">
            """
        html += sections.map { "<a href=\"#\(escape($0.id))\">\(escape($0.title))</a>" }.joined(separator: " ")
        html += "</nav>\n"
        for section in sections { html += render(section) }
        html += """
            <footer>Run \(escape(document.runId)) · evidence.json lists the SHA-256 of this page\
            \(document.context.signer == nil ? "" : " and is signed (evidence.json.sig)") · \
            verify with <code>policycheck verify-report DIR --pubkey KEY.pem</code></footer>
            </body>
            </html>

            """
        return html
    }

    private static func tile(_ count: Int, _ label: String, tone: String? = nil) -> String {
        "<div class=\"tile\(tone.map { " tile-\($0)" } ?? "")\"><b>\(count)</b><span>\(escape(label))</span></div>"
    }

    public static func render(_ section: EvidenceSection) -> String {
        var html = "<section id=\"\(escape(section.id))\">\n<h2>\(escape(section.title))</h2>\n"
        for block in section.blocks {
            switch block {
            case .paragraph(let text): html += "<p>\(escape(text))</p>\n"
            case .note(let text): html += "<p class=\"note\">\(escape(text))</p>\n"
            case .heading(let text): html += "<h3>\(escape(text))</h3>\n"
            case .facts(let facts):
                html += "<dl class=\"facts\">\n"
                for (label, cell) in facts { html += "<dt>\(escape(label))</dt><dd>\(render(cell))</dd>\n" }
                html += "</dl>\n"
            case .table(let table):
                html += "<table class=\"\(escape(table.kind))\">\n<thead><tr>"
                html += table.headers.map { "<th>\(escape($0))</th>" }.joined()
                html += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    html += "<tr>" + row.map { cell in
                        cell.style == .number ? "<td class=\"num\">\(render(cell))</td>" : "<td>\(render(cell))</td>"
                    }.joined() + "</tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
        }
        return html + "</section>\n"
    }

    static func render(_ cell: EvidenceSection.Cell) -> String {
        var html: String
        switch cell.style {
        case .plain: html = escape(cell.text)
        case .code: html = "<code>\(escape(cell.text))</code>"
        case .badge(let tone): html = "<span class=\"badge badge-\(escape(tone))\">\(escape(cell.text))</span>"
        case .number: html = cell.text == "0" ? "<span class=\"zero\">0</span>" : escape(cell.text)
        }
        if let detail = cell.detail, !detail.isEmpty { html += "<div class=\"detail\">\(escape(detail))</div>" }
        return html
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if character.value < 0x20 && character != "\n" && character != "\t" {
                    result += "&#xFFFD;"
                } else if TerminalText.isBidiControl(character.value) {
                    result += TerminalText.visible(character.value)
                } else {
                    result.unicodeScalars.append(character)
                }
            }
        }
        return result
    }
}
