/// Paths as RFC 3986 URI references, for SARIF's `artifactLocation.uri`.
public enum URIReference {
    /// A relative path percent-encoded as a relative reference (`/` kept), or an absolute path as a `file:` URI.
    /// Every byte outside the unreserved set is encoded, so a `:` in the first segment cannot read as a scheme.
    public static func encode(path: String) -> String {
        let encoded = percentEncode(path)
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// Whether `encode(path:)` gives a URI relative to the working directory.
    public static func isRelative(_ path: String) -> Bool { !path.hasPrefix("/") }

    static func percentEncode(_ text: String) -> String {
        PercentEncoding.encode(text) { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                return false
            default:
                return true
            }
        }
    }
}
