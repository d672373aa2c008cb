#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The syntax an input's text is read as.
public enum SourceSyntax: Sendable {
    /// JSON (which has no comments): one value, or a stream of objects separated by whitespace
    /// (`JSONReader.readStream(_:)`).
    case json
    /// A YAML stream.
    case yaml

    /// JSON when the text starts with `{` or `[` (after blanks) and has no YAML document marker, else YAML: the one
    /// rule every reader follows. A line that starts a new YAML document (`---`) cannot be in JSON, so a stream of JSON-style
    /// documents (`{…}` `---` `{…}`, as `kubectl … -o json` output is sometimes joined) is read as the YAML it is.
    public init(detecting text: [UInt8]) {
        let first = text.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            self = .yaml
            return
        }
        self = Self.hasDocumentStart(text) ? .yaml : .json
    }

    /// Whether a line after the first starts with the YAML document marker `---` (followed by a blank or the end).
    static func hasDocumentStart(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let end = base + buffer.count
            var cursor = base
            while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                let start = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
                if end - start >= 3, start[0] == 0x2D, start[1] == 0x2D, start[2] == 0x2D,
                   end - start == 3 || [0x20, 0x09, 0x0A, 0x0D].contains(start[3]) {
                    return true
                }
                cursor = start
            }
            return false
        }
    }
}
