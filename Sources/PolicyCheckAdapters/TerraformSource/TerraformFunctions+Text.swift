import Foundation
import PolicyCheckSyntax

/// More string functions, with Terraform's semantics (each function's page under
/// https://developer.hashicorp.com/terraform/language/functions): Go's `strings` package works on bytes and code
/// points, so these work on Unicode scalars, not Swift's characters, except `strrev`, which reverses characters
/// (grapheme clusters) as Terraform does.
extension TerraformFunctions {
    static let text: [String: Function] = [
        // formatlist(spec, values…): format() once per element of the list arguments (all of one length), with the
        // other arguments repeated; no list argument gives one result.
        "formatlist": { arguments, offset throws(TerraformEvaluationError) in
            let pattern = try string(arguments, 0, "formatlist", at: offset)
            let values = Array(arguments.dropFirst())
            var length: Int?
            for (index, value) in values.enumerated() where !value.isNull {
                guard let items = value.items else { continue }
                if let length, length != items.count {
                    throw .call("formatlist", "argument \(index + 2) has length \(items.count), which is inconsistent with the other lists' \(length)", at: offset)
                }
                length = items.count
            }
            var results: [TerraformValue] = []
            for row in 0..<(length ?? 1) {
                let rowValues = values.map { value in value.isNull ? value : value.items?[row] ?? value }
                guard let text = try TerraformFormat.render(pattern, rowValues, at: offset) else {
                    return .unknown(TerraformFormat.unsupported, at: offset)
                }
                results.append(.string(text, at: offset))
            }
            return TerraformValue(.list(results), at: offset)
        },
        // trim(str, cutset): every leading and trailing character that is in cutset removed.
        "trim": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "trim", at: offset)
            let cutset = Set(try string(arguments, 1, "trim", at: offset).unicodeScalars)
            var scalars = Substring(try string(arguments, 0, "trim", at: offset)).unicodeScalars
            while let first = scalars.first, cutset.contains(first) { scalars.removeFirst() }
            while let last = scalars.last, cutset.contains(last) { scalars.removeLast() }
            return .string(String(Substring(scalars)), at: offset)
        },
        // title(str): the first letter of each word upper-cased (Go's strings.Title); ASCII text only — Go's
        // Unicode title case and word rules are not reproduced.
        "title": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "title", at: offset)
            let text = try string(arguments, 0, "title", at: offset)
            guard text.unicodeScalars.allSatisfy(\.isASCII) else {
                return .unknown(notEvaluated("title", " of non-ASCII text"), at: offset)
            }
            var result = String.UnicodeScalarView()
            var previous: Unicode.Scalar = " "
            for scalar in text.unicodeScalars {
                let separated = !(previous.properties.isAlphabetic || ("0"..."9").contains(previous) || previous == "_")
                result.append(separated && ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32)! : scalar)
                previous = scalar
            }
            return .string(String(result), at: offset)
        },
        // strcontains(str, substr)
        "strcontains": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "strcontains", at: offset)
            let text = Array(try string(arguments, 0, "strcontains", at: offset).utf8)
            let part = Array(try string(arguments, 1, "strcontains", at: offset).utf8)
            let found = part.isEmpty || (part.count <= text.count && (0...(text.count - part.count)).contains { start in
                text[start..<(start + part.count)].elementsEqual(part)
            })
            return TerraformValue(.bool(found), at: offset)
        },
        // strrev(str): the characters (grapheme clusters) in reverse order.
        "strrev": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "strrev", at: offset)
            return .string(String(try string(arguments, 0, "strrev", at: offset).reversed()), at: offset)
        },
        // chomp(str): newlines (`\n`, `\r\n`, `\r`) at the end removed.
        "chomp": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "chomp", at: offset)
            var scalars = Substring(try string(arguments, 0, "chomp", at: offset)).unicodeScalars
            while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
            return .string(String(Substring(scalars)), at: offset)
        },
        // indent(spaces, str): spaces added after every newline.
        "indent": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "indent", at: offset)
            let spaces = try wholeNumber(arguments, 0, "indent", at: offset)
            guard spaces >= 0 else { throw .call("indent", "negative Repeat count", at: offset) }
            let text = try string(arguments, 1, "indent", at: offset)
            let lines = text.unicodeScalars.count { $0 == "\n" }
            let (added, overflow) = lines.multipliedReportingOverflow(by: spaces)
            guard !overflow, added <= maxTextScalars - text.unicodeScalars.count else { return .unknown(tooLarge("indent"), at: offset) }
            var result = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                result.append(scalar)
                if scalar == "\n" { result.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars) }
            }
            return .string(String(result), at: offset)
        },
    ]
}
