extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text` in one copy (reports are gathered as bytes: appending to a `String` piece by
    /// piece cost more per finding than the checks did).
    @inlinable @inline(__always)
    public mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `number`.
    @inlinable
    public mutating func appendDecimal(_ number: Int) {
        appendUTF8(String(number))
    }
}
