import Foundation

/// How a reader turns an integer literal into a number: by the YAML 1.2 core schema (decimal, what policy packs,
/// native manifests and templates mean), or as go-yaml reads it (Kubernetes manifests).
///
/// kubectl decodes YAML with sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1), which resolves a plain integer with
/// `strconv.ParseInt(s, 0, 64)` after removing `_`: a leading `0` is octal, as are `0o…`, and `0x…`/`0b…` are hex
/// and binary (https://yaml.org/type/int.html). So `port: 026` deploys port 22 (`kubectl label --local -f FILE x=y
/// -o json` prints 22), where the core schema reads 26. go-yaml v3 (kustomize's kyaml, Helm's post-renderers) keeps
/// the same octal reading ("Octals encode and decode as 0777 per YAML 1.1"), so every Go tool that deploys a
/// manifest agrees; a literal with a leading zero and an 8 or 9 (`089`) is not octal and go-yaml reads it as the
/// decimal float 89.
public enum IntegerSyntax: Sendable {
    /// Decimal digits with an optional sign, as Swift's `Int(_:)` reads them.
    case decimal
    /// go-yaml's reading, for Kubernetes manifests.
    case goYAML

    /// The literal's value, or `nil` when it is not an integer this syntax reads.
    public func value(of literal: String) -> Int? {
        switch self {
        case .decimal: Int(literal)
        case .goYAML: Self.goValue(of: literal)
        }
    }

    private static func goValue(of literal: String) -> Int? {
        // go-yaml v2's resolve: `strings.Replace(in, "_", "", -1)`, then `strconv.ParseInt(plain, 0, 64)`.
        var text = Substring(literal.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if let sign = text.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        let radix: Int
        var digits = text
        switch text.prefix(2) {
        case "0x", "0X": radix = 16; digits = text.dropFirst(2)
        case "0o", "0O": radix = 8; digits = text.dropFirst(2)
        case "0b", "0B": radix = 2; digits = text.dropFirst(2)
        default:
            radix = text.count > 1 && text.first == "0" ? 8 : 10
        }
        // Digits only: `Int(_:radix:)` would take a sign after the prefix, which Go refuses.
        guard let first = digits.first, first.isHexDigit else { return wholeFloat(text, negative: negative) }
        if let magnitude = Int(digits, radix: radix) { return negative ? -magnitude : magnitude }
        // A leading zero with an 8 or 9 is not octal: go-yaml then reads the decimal float.
        guard radix == 8, text.prefix(2) != "0o", text.prefix(2) != "0O", let magnitude = Int(text, radix: 10) else {
            return wholeFloat(text, negative: negative)
        }
        return negative ? -magnitude : magnitude
    }

    /// A float go-yaml v2 resolves (`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, `_` removed) whose value
    /// is whole: sigs.k8s.io/yaml writes it as the JSON number `22`, which fills an integer field, so kubectl applies
    /// `port: 22.0` or `2.2e1` as port 22 (tester, round 28). A fraction stays `nil`: the API refuses it.
    private static func wholeFloat(_ text: Substring, negative: Bool) -> Int? {
        var mantissa = text
        var exponent: Substring = ""
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = text[text.index(after: e)...]
            let digits = exponent.first == "+" || exponent.first == "-" ? exponent.dropFirst() : exponent
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitOnly) else { return nil }
        }
        // Digits, with at most one point among them, at least one digit, and a point or an exponent (a plain
        // integer was read above).
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitOnly) }), parts.contains(where: { !$0.isEmpty }),
              parts.count == 2 || !exponent.isEmpty,
              let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 0x1p53 else { return nil }
        return negative ? -Int(value) : Int(value)
    }
}

private extension Character {
    var isASCIIDigitOnly: Bool { isASCII && isNumber }
}
