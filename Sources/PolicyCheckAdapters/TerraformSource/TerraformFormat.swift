import PolicyCheckSyntax

/// `format()`'s verbs: `%s`, `%d`, `%v`, `%q`, `%f` (with a precision), `%t` and `%%`.
enum TerraformFormat {
    static func render(_ pattern: String, _ values: [TerraformValue], at offset: Int) throws(TerraformEvaluationError) -> String {
        var out = ""
        var next = 0
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                out.append(character)
                continue
            }
            var spec = ""
            var verb: Character?
            while let item = characters.next() {
                if item.isLetter || item == "%" {
                    verb = item
                    break
                }
                spec.append(item)
            }
            guard let verb else { throw .call("format", "the pattern ends inside a verb", at: offset) }
            if verb == "%" {
                out += "%"
                continue
            }
            guard next < values.count else { throw .call("format", "not enough arguments for the pattern", at: offset) }
            let value = values[next]
            next += 1
            // A width or precision of gigabytes (`%99999999999d`) would exhaust memory: refused, never a crash.
            if spec.split(whereSeparator: { !$0.isNumber }).contains(where: { Int($0).map { $0 > TerraformFunctions.maxTextScalars } ?? true }) {
                throw .call("format", "a width or precision above \(TerraformFunctions.maxTextScalars) is more than policycheck evaluates", at: offset)
            }
            switch verb {
            case "s", "v", "d", "t":
                guard let text = value.stringValue else {
                    if verb == "v" { out += TerraformJSON.encode(value); continue }
                    throw .call("format", "%\(verb) needs a primitive value, not a \(value.typeName)", at: offset)
                }
                out += pad(text, spec)
            case "q":
                out += TerraformJSON.encode(.string(value.stringValue ?? "", at: offset))
            case "f":
                guard let number = value.numberValue else { throw .call("format", "%f needs a number", at: offset) }
                let precision = spec.split(separator: ".").last.flatMap { Int($0) } ?? 6
                out += String(format: "%.\(precision)f", number)
            default:
                throw .call("format", "unsupported verb %\(verb)", at: offset)
            }
        }
        return out
    }
}

import Foundation

extension TerraformFormat {
    /// `%5s`, `%-5s`, `%03d`: a width, left-justified with `-`, zero-filled with a leading `0`.
    static func pad(_ text: String, _ spec: String) -> String {
        let left = spec.hasPrefix("-")
        let digits = spec.drop { $0 == "-" }
        guard let width = Int(digits), text.count < width else { return text }
        let fill = String(repeating: digits.hasPrefix("0") && !left ? "0" : " ", count: width - text.count)
        if left { return text + fill }
        if fill.hasPrefix("0"), text.hasPrefix("-") { return "-" + fill + text.dropFirst() }
        return fill + text
    }
}
