/// Reads the SSH wire encoding (RFC 4251 §5: `uint32`, `string`, `mpint`) from a byte buffer, never past its end.
///
/// Used for OpenSSH key containers and public key blobs. Values are slices of the input, never copied, and a reason
/// for a failure names the field, never its bytes.
struct SSHWireReader {
    private let bytes: ArraySlice<UInt8>
    private var cursor: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        cursor = bytes.startIndex
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { cursor == bytes.endIndex }
    /// The bytes not read yet.
    var remaining: ArraySlice<UInt8> { bytes[cursor...] }

    /// A fixed number of bytes.
    mutating func bytes(_ count: Int, _ field: String) throws(SSHWireError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - cursor >= count else { throw SSHWireError("\(field) is truncated") }
        defer { cursor += count }
        return bytes[cursor..<cursor + count]
    }

    mutating func uint32(_ field: String) throws(SSHWireError) -> UInt32 {
        try bytes(4, field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func byte(_ field: String) throws(SSHWireError) -> UInt8 {
        try bytes(1, field).first!
    }

    /// A length-prefixed byte string.
    mutating func string(_ field: String) throws(SSHWireError) -> ArraySlice<UInt8> {
        let length = try uint32(field)
        return try bytes(Int(length), field)
    }

    /// A length-prefixed string of printable ASCII (key type, cipher, curve names), as text.
    mutating func name(_ field: String) throws(SSHWireError) -> String {
        let value = try string(field)
        guard value.count <= 64, value.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw SSHWireError("\(field) is not a name")
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// A non-negative multiple-precision integer, big-endian without its sign byte.
    mutating func mpint(_ field: String) throws(SSHWireError) -> ArraySlice<UInt8> {
        var value = try string(field)
        guard value.first.map({ $0 & 0x80 == 0 }) ?? true else { throw SSHWireError("\(field) is negative") }
        while value.first == 0 { value = value.dropFirst() }
        return value
    }
}

/// Why SSH wire data could not be read; the text names a field and never carries its bytes.
struct SSHWireError: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
