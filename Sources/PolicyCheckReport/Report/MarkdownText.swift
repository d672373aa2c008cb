/// Text made safe for GitHub-flavoured Markdown, including table cells.
public enum MarkdownText {
    /// Escapes Markdown and HTML punctuation with backslashes (`|` too, so a table cell stays one cell), `&` as an
    /// entity, and turns line breaks into `<br>`; other control characters are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n":
                if !previousWasCarriageReturn { out += "<br>" }
            case "\r":
                out += "<br>"
            case "&":
                out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "!":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar == "\t" ? " " : scalar)
            }
        }
        return out
    }
}
