/// The inline stylesheet of `report.html`: system fonts, quiet tables, and a print layout (A4/Letter, repeated
/// table headers, no rows split across pages, colours kept for badges).
public enum EvidenceHTMLStyle {
    public static let css = """
        :root { --ink: #1d2330; --muted: #5d6678; --line: #d9dee7; --soft: #f5f7fa; --accent: #1f4e8c;
          --pass: #1e7a46; --pass-bg: #e4f4ea; --fail: #b42318; --fail-bg: #fde8e6; --warn: #9a5b00; --warn-bg: #fff2d6;
          --na: #5d6678; --na-bg: #eef0f4; }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body { margin: 0 auto; max-width: 1180px; padding: 40px 48px 64px; color: var(--ink); background: #fff;
          font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
          line-height: 1.5; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        code { font-family: "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em;
          overflow-wrap: anywhere; }
        .masthead { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
        .eyebrow { margin: 0; color: var(--muted); font-size: 0.8rem; letter-spacing: 0.08em; text-transform: uppercase; }
        h1 { margin: 4px 0 2px; font-size: 2rem; font-weight: 650; letter-spacing: -0.01em; }
        .scope { margin: 0; color: var(--muted); }
        h2 { font-size: 1.3rem; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); color: var(--accent); }
        h3 { font-size: 1.02rem; margin: 22px 0 8px; }
        .verdict { display: flex; align-items: center; gap: 22px; padding: 18px 24px; border-radius: 10px; border: 1px solid; }
        .verdict-word { font-size: 2.1rem; font-weight: 800; letter-spacing: 0.06em; }
        .verdict-text strong { display: block; font-size: 1.05rem; }
        .verdict-text span { color: var(--muted); font-size: 0.9rem; }
        .verdict-pass { background: var(--pass-bg); border-color: #b5dfc4; } .verdict-pass .verdict-word { color: var(--pass); }
        .verdict-fail { background: var(--fail-bg); border-color: #f4b8b1; } .verdict-fail .verdict-word { color: var(--fail); }
        .verdict-error { background: var(--warn-bg); border-color: #f0d089; } .verdict-error .verdict-word { color: var(--warn); }
        .tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 14px 0 0; }
        .tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .tile b { display: block; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
        .tile span { color: var(--muted); font-size: 0.8rem; }
        .tile-fail b { color: var(--fail); } .tile-waived b { color: var(--warn); }
        table.controls td:first-child, table.rules td:first-child,
          table.waivers td:nth-child(5), table.waivers td:nth-child(6) { white-space: nowrap; }
        .disclaimer { margin: 14px 0 0; padding: 10px 14px; border-left: 4px solid var(--accent); background: var(--soft);
          font-size: 0.9rem; }
        .toc { margin: 18px 0 0; font-size: 0.88rem; display: flex; flex-wrap: wrap; gap: 6px 16px; }
        .toc a { color: var(--accent); text-decoration: none; }
        .note { padding: 10px 14px; background: var(--warn-bg); border-radius: 6px; font-size: 0.92rem; }
        dl.facts { display: grid; grid-template-columns: 190px 1fr; gap: 6px 18px; margin: 0; }
        dl.facts dt { color: var(--muted); font-weight: 600; font-size: 0.9rem; }
        dl.facts dd { margin: 0; }
        table { width: 100%; border-collapse: collapse; margin: 10px 0 4px; font-size: 0.88rem; }
        th { text-align: left; font-weight: 600; color: var(--muted); background: var(--soft); border-bottom: 2px solid var(--line);
          padding: 7px 10px; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
        td { padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere;
          word-break: break-word; }
        /* Long resource paths, value paths and hashes wrap inside their column instead of widening the table past
           the window or the printed page; the widest tables get fixed column shares so no column is squeezed to a
           few characters by another's long token. */
        table.findings, table.sample, table.breaks, table.late { table-layout: fixed; }
        table.findings th:nth-child(1) { width: 17%; } table.findings th:nth-child(2) { width: 19%; }
        table.findings th:nth-child(3) { width: 20%; } table.findings th:nth-child(5) { width: 11%; }
        table.sample th:nth-child(1) { width: 14%; } table.sample th:nth-child(2) { width: 11%; }
        table.sample th:nth-child(3) { width: 18%; } table.sample th:nth-child(4) { width: 12%; }
        table.sample th:nth-child(5) { width: 20%; }
        tbody tr:nth-child(even) td { background: #fbfcfd; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .zero { color: #b4bac6; }
        .detail { color: var(--muted); font-size: 0.82rem; margin-top: 2px; overflow-wrap: anywhere; }
        .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 0.78rem; font-weight: 600;
          white-space: nowrap; }
        .badge-pass { color: var(--pass); background: var(--pass-bg); }
        .badge-fail, .badge-critical, .badge-high { color: var(--fail); background: var(--fail-bg); }
        .badge-waived, .badge-medium { color: var(--warn); background: var(--warn-bg); }
        .badge-na, .badge-unknown, .badge-low, .badge-info { color: var(--na); background: var(--na-bg); }
        footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.82rem; }
        @media print {
          @page { size: A4; margin: 16mm 14mm; }
          html { font-size: 10pt; }
          body { max-width: none; padding: 0; }
          .toc { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          h3 { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; }
          tr, .verdict, .tiles, dl.facts { break-inside: avoid; page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
