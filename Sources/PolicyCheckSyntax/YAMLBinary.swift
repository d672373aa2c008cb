/// The text a scalar tagged `!!binary` (`tag:yaml.org,2002:binary`) stands for: its base64 decoded, as kubectl reads it.
///
/// kubectl decodes manifests with sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1), whose decoder turns a `!!binary` scalar
/// into the string of its decoded bytes (`decode.go`, `scalar`: `base64.StdEncoding.DecodeString`, failing with
/// "!!binary value contains invalid base64 data"), for keys and values alike; the YAML 1.1 binary type is
/// https://yaml.org/type/binary.html. So `type: !!binary TG9hZEJhbGFuY2Vy` deploys a `LoadBalancer`, and every reader
/// here must see that text, not the base64. Go's standard encoding is followed exactly: the standard alphabet,
/// padding required, line breaks (`\r`, `\n`) skipped, any other character (a blank, `-`, `_`) refused. Bytes that
/// are not UTF-8 (or hold a NUL) are refused too: Go would carry them as a string that JSON then repairs to U+FFFD, a text no
/// manifest field means.
enum YAMLBinary {
    /// The tag's full name, as libyaml reports `!!binary`.
    static let tag = "tag:yaml.org,2002:binary"

    /// The decoded text of `base64`, or an error at `offset` (the scalar's place) saying why it has none.
    static func text(of base64: UnsafeBufferPointer<UInt8>, offset: Int) throws(SyntaxError) -> [UInt8] {
        guard let bytes = decode(base64) else {
            throw SyntaxError(offset: offset, message: "a !!binary value is not valid base64 (kubectl refuses it)")
        }
        guard (try? TextDecoding.UTF8Validator.validate(bytes, from: 0)) != nil else {
            throw SyntaxError(offset: offset, message: "a !!binary value decodes to bytes that are not UTF-8 text (or hold a NUL); write the text itself")
        }
        return bytes
    }

    /// Go's `base64.StdEncoding.DecodeString`: `nil` where it returns an error.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(text.count)
        for byte in text where byte != UInt8(ascii: "\r") && byte != UInt8(ascii: "\n") { symbols.append(byte) }
        guard symbols.count % 4 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(symbols.count / 4 * 3)
        var start = 0
        while start < symbols.count {
            let quantum = symbols[start..<start + 4]
            let isLast = start + 4 == symbols.count
            var padding = 0
            if isLast {
                if quantum.last == UInt8(ascii: "=") { padding = 1 }
                if padding == 1, quantum[start + 2] == UInt8(ascii: "=") { padding = 2 }
            }
            var value: UInt32 = 0
            for symbol in quantum.prefix(4 - padding) {
                guard let digit = sextet(symbol) else { return nil }
                value = value << 6 | UInt32(digit)
            }
            value <<= UInt32(6 * padding)
            let decoded = [UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
            bytes.append(contentsOf: decoded.prefix(3 - padding))
            start += 4
        }
        return bytes
    }

    private static func sextet(_ symbol: UInt8) -> UInt8? {
        switch symbol {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return symbol - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return symbol - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return symbol - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
