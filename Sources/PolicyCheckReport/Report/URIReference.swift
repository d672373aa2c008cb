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

    /// Built as bytes: a report encodes the file of every result, and appending scalar by scalar to a `String`
    /// cost more than the rest of the location.
    static func percentEncode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigit(byte >> 4))
                out.append(upperHexDigit(byte & 0x0F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func upperHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
