/// Why a text is not a CIDR block; `description` is a single line that says what was expected.
public enum CIDRParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text was empty or only whitespace.
    case empty
    /// The address part (input, reason) is not a valid IPv4 or IPv6 address.
    case invalidAddress(String, reason: String)
    /// The prefix part (input, reason) is missing, not a plain decimal number, or malformed.
    case invalidPrefix(String, reason: String)
    /// The text (as written) has leading or trailing white space around an otherwise non-empty value.
    case surroundingWhitespace(String)
    /// The prefix length is larger than the address width (32 or 128).
    case prefixOutOfRange(Int, max: Int, input: String)

    /// The input text ("" for `.empty`; trimmed except for `.surroundingWhitespace`).
    public var input: String {
        switch self {
        case .empty: ""
        case .invalidAddress(let input, _), .invalidPrefix(let input, _), .surroundingWhitespace(let input): input
        case .prefixOutOfRange(_, _, let input): input
        }
    }

    /// What is wrong, without the input text.
    public var reason: String {
        switch self {
        case .empty:
            "the value is empty (expected an address or block such as 10.0.0.0/8 or 2001:db8::/32)"
        case .invalidAddress(_, let reason), .invalidPrefix(_, let reason):
            reason
        case .surroundingWhitespace:
            "it has leading or trailing blanks, which the platform rejects (Go's net.ParseCIDR); remove them"
        case .prefixOutOfRange(let prefix, let max, _):
            "prefix length \(prefix) is out of range 0–\(max) for \(max == 32 ? "IPv4" : "IPv6")"
        }
    }

    /// One line, e.g. "'10.0.0.300/24' is not a valid CIDR: octet 300 is out of range 0–255".
    public var description: String {
        switch self {
        case .empty: "empty CIDR: \(reason)"
        default: "'\(IPAddressParser.displayed(input))' is not a valid CIDR: \(IPAddressParser.displayed(reason))"
        }
    }
}
