import Foundation
import PolicyCheckSyntax

/// `regex`, `regexall` and `replace` with a `/pattern/`, in RE2 syntax (`TerraformRegex`): a pattern or text whose
/// meaning policycheck cannot reproduce exactly gives an unknown value naming the function, never a guess.
/// https://developer.hashicorp.com/terraform/language/functions/regex, …/regexall, …/replace
extension TerraformFunctions {
    static let regexes: [String: Function] = [
        "regex": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "regex", at: offset)
            let text = try string(arguments, 1, "regex", at: offset)
            guard let (regex, shape) = try compiled(arguments, "regex", at: offset), let found = regex.matches(in: text) else {
                return .unknown(notEvaluated("regex", " on this pattern and text"), at: offset)
            }
            guard let first = found.first else { throw .call("regex", "pattern did not match any part of the given string", at: offset) }
            return result(first, regex, shape, text, at: offset)
        },
        "regexall": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "regexall", at: offset)
            let text = try string(arguments, 1, "regexall", at: offset)
            guard let (regex, shape) = try compiled(arguments, "regexall", at: offset), let found = regex.matches(in: text) else {
                return .unknown(notEvaluated("regexall", " on this pattern and text"), at: offset)
            }
            return TerraformValue(.list(found.map { result($0, regex, shape, text, at: offset) }), at: offset)
        },
    ]

    /// What a match gives: the matched text without groups, a list of unnamed groups, an object of named ones.
    enum MatchShape { case text, list, object }

    private static func compiled(_ arguments: [TerraformValue], _ name: String,
                                 at offset: Int) throws(TerraformEvaluationError) -> (TerraformRegex, MatchShape)? {
        guard let regex = TerraformRegex(try string(arguments, 0, name, at: offset)) else { return nil }
        let named = regex.groupNames.filter { !$0.isEmpty }.count
        switch (named, regex.groupNames.count - named) {
        case (0, 0): return (regex, .text)
        case (0, _): return (regex, .list)
        case (_, 0): return (regex, .object)
        default: throw .call(name, "invalid regexp pattern: cannot mix both named and unnamed capture groups", at: offset)
        }
    }

    private static func result(_ match: NSTextCheckingResult, _ regex: TerraformRegex, _ shape: MatchShape,
                               _ text: String, at offset: Int) -> TerraformValue {
        func group(_ index: Int) -> TerraformValue {
            TerraformRegex.group(match, index, in: text).map { .string($0, at: offset) } ?? TerraformValue(.null, at: offset)
        }
        switch shape {
        case .text: return group(0)
        case .list: return TerraformValue(.list(regex.groupNames.indices.map { group($0 + 1) }), at: offset)
        case .object:
            var members: [String: TerraformValue] = [:]
            for (index, name) in regex.groupNames.enumerated() { members[name] = group(index + 1) }
            return TerraformValue(.object(members), at: offset)
        }
    }

    /// `replace(text, "/pattern/", replacement)`: every match replaced, `$1`, `${1}`, `$name`, `${name}` in the
    /// replacement expanded as Go's `Regexp.Expand` does (a name is the longest run of letters, digits and `_`; a
    /// group that took no part, or does not exist, gives nothing; `$$` is `$`). `nil` when not evaluated.
    static func replaceByRegex(_ text: String, pattern: String, with replacement: String) -> String? {
        guard let regex = TerraformRegex(pattern), let found = regex.matches(in: text) else { return nil }
        var result = ""
        var copied = text.startIndex
        for match in found {
            guard let range = Range(match.range, in: text) else { return nil }
            result += text[copied..<range.lowerBound]
            result += expand(replacement, match, regex, text)
            copied = range.upperBound
        }
        return result + text[copied...]
    }

    private static func expand(_ template: String, _ match: NSTextCheckingResult, _ regex: TerraformRegex, _ text: String) -> String {
        var out = ""
        var rest = Substring(template).unicodeScalars
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
            default: return scalar == "_"
            }
        }
        while let dollar = rest.firstIndex(of: "$") {
            out.unicodeScalars.append(contentsOf: rest[..<dollar])
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out += "$"
                rest = rest.dropFirst()
                continue
            }
            var candidate = rest
            let braced = candidate.first == "{"
            if braced { candidate = candidate.dropFirst() }
            let name = String(String.UnicodeScalarView(candidate.prefix(while: isNameScalar)))
            candidate = candidate.dropFirst(name.unicodeScalars.count)
            if name.isEmpty || (braced && candidate.first != "}") {
                out += "$"
                continue
            }
            if braced { candidate = candidate.dropFirst() }
            rest = candidate
            let isNumber = name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } && name.count <= 8
                && !(name.hasPrefix("0") && name.count > 1)
            let index = isNumber ? Int(name)! : (regex.groupNames.firstIndex(of: name)).map { $0 + 1 }
            if let index, index <= regex.groupNames.count, let value = TerraformRegex.group(match, index, in: text) {
                out += value
            }
        }
        out.unicodeScalars.append(contentsOf: rest)
        return out
    }
}
