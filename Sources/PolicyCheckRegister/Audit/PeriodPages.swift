import PolicyCheckKit

/// The period report's two pages, around the shared section renderers and stylesheet.
enum PeriodPages {
    static func html(_ report: PeriodReport, sections: [EvidenceSection], toolVersion: String, signed: Bool) -> String {
        let period = report.period
        let breaks = report.population.breaks.count
        let gaps = report.population.missingDays.reduce(0) { $0 + $1.dates.count }
        let refusals = report.population.refusals.count
        let clean = breaks == 0 && gaps == 0 && refusals == 0
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Period evidence — \(EvidenceHTML.escape(period.from)) to \(EvidenceHTML.escape(period.to))</title>
            <style>
            \(EvidenceHTMLStyle.css)</style>
            </head>
            <body>
            <header class="masthead">
            <p class="eyebrow">policycheck \(EvidenceHTML.escape(toolVersion)) · period evidence</p>
            <h1>Policy checks over the period</h1>
            <p class="scope">\(EvidenceHTML.escape(period.from)) to \(EvidenceHTML.escape(period.to)) · \
            \(EvidenceHTML.escape(period.repositories.isEmpty ? "all repositories" : period.repositories.joined(separator: ", ")))</p>
            </header>
            <section class="verdict verdict-\(clean ? "pass" : "error")">
            <div class="verdict-word">\(clean ? "COMPLETE" : "GAPS")</div>
            <div class="verdict-text"><strong>\(report.runs.count) runs · \(breaks) chain breaks · \(gaps) days without a run on a protected ref · \(refusals) refused bundles</strong>
            <span>Sample seed \(report.sample.seed)</span></div>
            </section>
            <p class="disclaimer">\(EvidenceHTML.escape(PeriodSections.disclaimer))</p>
            <nav class="toc">
            """
        html += sections.map { "<a href=\"#\(EvidenceHTML.escape($0.id))\">\(EvidenceHTML.escape($0.title))</a>" }.joined(separator: " ")
        html += "</nav>\n"
        for section in sections { html += EvidenceHTML.render(section) }
        html += """
            <footer>evidence.json lists the SHA-256 of this page\(signed ? " and is signed (evidence.json.sig)" : "") · \
            verify with <code>policycheck verify-report DIR --pubkey KEY.pem</code></footer>
            </body>
            </html>

            """
        return html
    }

    static func markdown(_ report: PeriodReport, sections: [EvidenceSection], toolVersion: String, signed: Bool) -> String {
        let period = report.period
        var md = "# Policy checks over the period\n\n"
        md += "policycheck \(EvidenceMarkdown.escape(toolVersion)) · period evidence · \(period.from) to \(period.to)\n\n"
        md += "\(report.runs.count) runs · \(report.population.breaks.count) chain breaks · "
        md += "\(report.population.missingDays.reduce(0) { $0 + $1.dates.count }) days without a run on a protected ref · "
        md += "\(report.population.refusals.count) refused bundles\n\n"
        md += "> \(EvidenceMarkdown.escape(PeriodSections.disclaimer))\n\n"
        for section in sections { md += EvidenceMarkdown.render(section) }
        md += "---\n\nevidence.json lists the SHA-256 of this file" + (signed ? " and is signed (evidence.json.sig)" : "")
        md += " · verify with `policycheck verify-report DIR --pubkey KEY.pem`\n"
        return md
    }
}
