import Foundation
import PolicyCheckModel

/// A tool's standard error reduced to the one line a diagnostic shows: the cause, the same on every run.
///
/// kubectl logs its error through klog: `E1204 22:01:02.123456   12345 run.go:72] "command failed" err="…"` — a
/// severity, the date, the time, the process id, the source line, then a quoted message and `key=value` pairs. A value
/// that spans lines is written `err=<`, then each line indented by a tab, then ` >`. The header changes every run, and
/// the first line of a multi-line error says nothing, so both are undone here: the header is dropped, the error value
/// is unquoted, and its lines joined. Paths below the working directory are shown relative to it (kustomize prints
/// them absolute), control characters and terminal escape sequences are dropped, and the line is bounded.
enum ToolMessage {
    /// Most characters kept; the cause of a kustomize error, even a remote base's git failure, fits.
    static let limit = 800
    /// Most bytes of standard error looked at.
    static let readLimit = 65_536

    /// The most telling message of `stderr`: the first klog error, else the first line that says `error` (helm's
    /// `Error: …`, after its warnings), else the first line that says anything.
    static func summary(_ stderr: Data, workingDirectory: String = FileManager.default.currentDirectoryPath,
                        withhold: (String) -> String = { $0 }) -> String {
        let entries = Self.entries(String(decoding: stderr.prefix(readLimit), as: UTF8.self))
        let chosen = entries.first { $0.severity == "E" || $0.severity == "F" }
            ?? entries.first { $0.severity == nil && $0.text.lowercased().contains("error") }
            ?? entries.first
        guard let chosen else { return "" }
        return clean(withhold(withheldContents(chosen.severity == nil ? chosen.text : structured(chosen.text))),
                     workingDirectory: workingDirectory)
    }

    /// What stands for content a tool echoed.
    static let withheld = "(not shown: it may hold a secret)"

    /// The text with the content of the checked files kustomize echoes in its errors withheld, as policycheck's own
    /// parse errors withhold values (docs/security.md): a `secretGenerator`'s literals (`loading KV pairs: literal
    /// sources [password=… api_token:…]: invalid literal source api_token:…, expected key=value`, kustomize's
    /// `ParseLiteralSource`, which lists every literal, the well-formed ones too), the node a replacement or patch
    /// found of the wrong kind (kyaml's `… node contents: <the node>`, a Secret's value), an env file's line
    /// (`line 3 has invalid utf8 bytes : <the line>`), and a patch or a transformer's configuration quoted whole
    /// (`unable to parse SM or JSON patch from [<patch>]`, `… with config: <config>`). Tester, round 36: the values
    /// reached every report format and the evidence bundle.
    static func withheldContents(_ text: String) -> String {
        var text = text
        // Markers after which everything to the end is content: kyaml's node, an env file's line, a configuration
        // or patch quoted whole, a replacement's source value (`options.index 5 is out of bounds for value <value>`),
        // an object printed with Go's `%v` (`missing metadata.name in object {{v1 Secret} … map[<annotations>]}`).
        for marker in ["node contents:", "has invalid utf8 bytes :", " with config:", "patch from [", " for value ",
                       " in object {"] {
            if let range = text.range(of: marker) {
                text = text[..<range.upperBound].trimmingCharacters(in: CharacterSet(charactersIn: " {")) + " " + withheld
            }
        }
        // helm quotes a value it could not render as a template (`error during tpl function execution for "<value>":
        // <cause>`, `cannot parse template "<value>": <cause>`, pkg/engine/engine.go): the quoted value is withheld,
        // the cause kept.
        for marker in ["tpl function execution for \"", "cannot parse template \""] {
            guard let range = text.range(of: marker) else { continue }
            let opening = text.index(before: range.upperBound)
            var rest = text[opening...]
            let end = quoted(&rest) == nil ? text.endIndex : rest.startIndex
            text = text[..<opening] + withheld + text[end...]
        }
        // `literal sources [ … ]: invalid literal source …, expected key=value`: the list and the bad literal are
        // all literals, and any of them may hold `]`, `,` or the words that follow; withheld to the end, the cause
        // said in words.
        for marker in ["literal sources [", "invalid literal source "] {
            guard let range = text.range(of: marker) else { continue }
            let cause = text.hasSuffix("expected key=value") ? "; a literal is not written key=value" : ""
            text = text[..<range.upperBound] + withheld + (marker.hasSuffix("[") ? "]" : "") + cause
        }
        return text
    }

    /// One message: a klog line with its indented continuation, or a plain line.
    struct Entry: Equatable {
        /// `I`, `W`, `E` or `F` for a klog line.
        var severity: Character?
        /// The text after the klog header, continuation lines joined with spaces (the ` >` that ends a block dropped).
        var text: String
    }

    static func entries(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        var continuation: [Substring] = []
        func close() {
            guard !continuation.isEmpty, !entries.isEmpty else { continuation = []; return }
            entries[entries.count - 1].text = joined([Substring(entries[entries.count - 1].text)] + continuation)
            continuation = []
        }
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if let (severity, rest) = klogHeader(line) {
                close()
                entries.append(Entry(severity: severity, text: String(rest)))
            } else if let first = line.first, first == "\t" || first == " ", entries.last?.severity != nil {
                // Indented lines belong to the klog entry above; ` >` closes its block.
                if line.trimmingCharacters(in: .whitespaces) != ">" { continuation.append(line) }
            } else {
                close()
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { entries.append(Entry(severity: nil, text: trimmed)) }
            }
        }
        close()
        return entries
    }

    /// `E1204 22:01:02.123456   12345 run.go:72] rest` → (`E`, `rest`).
    static func klogHeader(_ line: Substring) -> (Character, Substring)? {
        let bytes = Array(line.utf8.prefix(160))
        guard bytes.count > 22, let severity = bytes.first, "IWEF".utf8.contains(severity),
              bytes[1...4].allSatisfy(isDigit), bytes[5] == UInt8(ascii: " "),
              bytes[6...7].allSatisfy(isDigit), bytes[8] == UInt8(ascii: ":"), bytes[9...10].allSatisfy(isDigit),
              bytes[11] == UInt8(ascii: ":"), bytes[12...13].allSatisfy(isDigit), bytes[14] == UInt8(ascii: "."),
              let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 15 else { return nil }
        let afterBracket = line.utf8.index(line.utf8.startIndex, offsetBy: close + 1)
        return (Character(UnicodeScalar(severity)), line[afterBracket...].drop { $0 == " " })
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Lines trimmed and joined by spaces; a line that starts with punctuation joins without one.
    static func joined(_ lines: [Substring]) -> String {
        var result = ""
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if !result.isEmpty, let first = trimmed.first, !":,;.".contains(first) { result += " " }
            result += trimmed
        }
        return result
    }

    /// klog's structured form, `"msg" key="value" key=<block>`: the `err` value (after the message unless that is
    /// kubectl's `command failed`), else the message and its pairs. Anything else is kept as it is.
    static func structured(_ text: String) -> String {
        var rest = Substring(text)
        guard rest.first == "\"", let message = quoted(&rest) else { return text }
        var pairs: [(key: Substring, value: String)] = []
        while true {
            rest = rest.drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "="), !rest[..<equals].contains(" "), equals > rest.startIndex else { break }
            let key = rest[..<equals]
            rest = rest[rest.index(after: equals)...]
            if rest.first == "\"" {
                guard let value = quoted(&rest) else { return text }
                pairs.append((key, value))
            } else if rest.first == "<" {
                // A block: `<` then the joined continuation lines (already spaces apart).
                pairs.append((key, String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)))
                rest = ""
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                pairs.append((key, String(rest[..<end])))
                rest = rest[end...]
            }
        }
        guard rest.isEmpty else { return text }
        if let error = pairs.first(where: { $0.key == "err" })?.value {
            return message == "command failed" ? error : "\(message): \(error)"
        }
        return ([message] + pairs.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }

    /// A Go-quoted string at the start of `text`, consumed: `\"` and `\\` unescaped, other escapes (`\x1b`, `\u00e9`)
    /// left as written — they are visible text, and unescaping them could bring back control characters.
    private static func quoted(_ text: inout Substring) -> String? {
        guard text.first == "\"" else { return nil }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" {
                text = text[text.index(after: index)...]
                return result
            }
            if character == "\\", text.index(after: index) < text.endIndex {
                let next = text[text.index(after: index)]
                if next == "\"" || next == "\\" {
                    result.append(next)
                } else {
                    result.append(character)
                    result.append(next)
                }
                index = text.index(index, offsetBy: 2)
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        return nil
    }

    /// One bounded line: paths shown relative to the working directory, escape sequences and control and format
    /// characters dropped, runs of white space made one space.
    static func clean(_ text: String, workingDirectory: String) -> String {
        var text = text
        for directory in Set([workingDirectory, CheckedTree(root: workingDirectory).root]) where directory.count > 1 {
            text = relative(text, to: directory)
        }
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        var iterator = Array(text.unicodeScalars)[...]
        while let scalar = iterator.popFirst() {
            if scalar == "\u{1B}" {
                // CSI (`ESC [ … final`) and OSC (`ESC ] … BEL` or `ESC \`) sequences go whole; any other escape takes
                // one character with it.
                switch iterator.first {
                case "["?:
                    iterator = iterator.dropFirst().drop { !(0x40...0x7E).contains($0.value) }.dropFirst()
                case "]"?:
                    iterator = iterator.dropFirst().drop { $0 != "\u{07}" && $0 != "\u{1B}" }
                    if iterator.first == "\u{1B}" { iterator = iterator.dropFirst() }
                    iterator = iterator.dropFirst()
                default:
                    iterator = iterator.dropFirst()
                }
                continue
            }
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            let category = scalar.properties.generalCategory
            if category == .control || category == .format { continue }
            if pendingSpace { scalars.append(" "); pendingSpace = false }
            scalars.append(scalar)
        }
        let line = String(scalars)
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// `text` with `directory/x` written `x`, and `directory` itself (before a quote, space, colon or the end) `.`,
    /// where the path starts (the start, or after a quote, space, `=`, `(`, or `:`).
    static func relative(_ text: String, to directory: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: directory) {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let before = range.lowerBound == rest.startIndex ? result.last : rest[rest.index(before: range.lowerBound)]
            if let before, !"'\" =(:".contains(before) {
                result += rest[range]
                rest = after
            } else if after.first == "/" {
                rest = after.dropFirst()
            } else if after.first.map({ "'\" :,;)".contains($0) }) ?? true {
                result += "."
                rest = after
            } else {
                result += rest[range]
                rest = after
            }
        }
        return result + rest
    }
}
