import PolicyCheckSyntax

/// CloudFormation dynamic references: `{{resolve:ssm:/name}}`, `{{resolve:ssm-secure:/name}}` and
/// `{{resolve:secretsmanager:secret-id:…}}`, anywhere in a string. CloudFormation reads their values from Systems
/// Manager Parameter Store or Secrets Manager when it creates or updates the stack
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html), so a string that holds
/// one is known only at deployment, whatever the rest of it says: `'{{resolve:ssm:/network/office-cidr}}'` is no CIDR
/// the template states, and no failed one either.
///
/// The reference itself names a parameter or secret, never its value (CloudFormation returns the reference, not the
/// value, from its own API), so messages may show it.
enum DynamicReference {
    /// What every dynamic reference starts with.
    private static let marker = Array("{{resolve:".utf8)

    /// Why a string that holds a dynamic reference is not known, naming the reference and where CloudFormation reads
    /// it from; `nil` when the string holds none.
    static func reason(in text: String) -> String? {
        guard let reference = first(in: text) else { return nil }
        let shown = "'\(Excerpt.quote(String(reference), limit: 120))'"
        let source = Self.source(of: reference)
        if reference.utf8.count == text.utf8.count {
            return "\(shown) is a dynamic reference, which CloudFormation reads from \(source) only at deployment"
        }
        return "it holds the dynamic reference \(shown), which CloudFormation reads from \(source) only at deployment"
    }

    /// The first dynamic reference in a text, `{{resolve:` up to its closing `}}`. A part without its end (one
    /// element of a `!Join` that builds a reference) is none: the string the parts make is asked as a whole.
    static func first(in text: String) -> Substring? {
        let utf8 = text.utf8
        // Every string of a template passes here, and nearly none holds `{{`: told on the contiguous bytes first.
        let mayHold = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= marker.count else { return false }
            for index in 0..<(bytes.count - 1) where bytes[index] == marker[0] && bytes[index + 1] == marker[1] {
                return true
            }
            return false
        } ?? true
        guard mayHold else { return nil }
        // A byte scan for `{`, then a comparison.
        var index = utf8.startIndex
        while let brace = utf8[index...].firstIndex(of: marker[0]) {
            if utf8[brace...].starts(with: marker) {
                var probe = utf8.index(brace, offsetBy: marker.count)
                while let close = utf8[probe...].firstIndex(of: UInt8(ascii: "}")) {
                    let next = utf8.index(after: close)
                    if next < utf8.endIndex, utf8[next] == UInt8(ascii: "}") { return text[brace..<utf8.index(after: next)] }
                    probe = next
                }
                return nil
            }
            index = utf8.index(after: brace)
        }
        return nil
    }

    /// The service a reference's values come from, by its pattern (`ssm`, `ssm-secure`, `secretsmanager`).
    private static func source(of reference: Substring) -> String {
        let pattern = reference.dropFirst(marker.count).prefix { $0 != ":" && $0 != "}" }
        switch pattern {
        case "ssm": return "Systems Manager Parameter Store"
        case "ssm-secure": return "Systems Manager Parameter Store (a secure string)"
        case "secretsmanager": return "Secrets Manager"
        default: return "another service ('\(Excerpt.quote(String(pattern), limit: 40))')"
        }
    }
}
