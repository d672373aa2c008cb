/// A size in bytes as people write it: `1048576`, `512K`, `256M`, `1G` (a trailing `B` is allowed), for
/// `--max-file-size` and `maxFileSize`.
public enum ByteSize {
    /// The default largest input file: 256 MiB.
    public static let defaultMaxFileBytes = 256 << 20

    /// The number of bytes, or `nil` when the text is not a positive size.
    public static func parse(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var text = text.uppercased()
        var multiplier = 1
        if text.hasSuffix("B") { text.removeLast() }
        if let last = text.last, let unit = units[last] {
            multiplier = unit
            text.removeLast()
        }
        guard let value = Int(text), value > 0, value <= Int.max / multiplier else { return nil }
        return value * multiplier
    }

    /// `256M`, `512K` or a plain byte count: the shortest exact way to write `bytes`.
    public static func describe(_ bytes: Int) -> String {
        for (suffix, unit) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where bytes % unit == 0 {
            return "\(bytes / unit)\(suffix)"
        }
        return String(bytes)
    }
}
