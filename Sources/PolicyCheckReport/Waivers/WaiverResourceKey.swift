/// Where the waiver index files a resource pattern: text every name it matches equals, starts with, ends with or
/// contains, at most `WaiverResourceIndex.indexedLength` bytes of it (what follows still has to match, so leaving it
/// out only adds candidates). Read once per waiver, however many rules' indexes the waiver joins.
enum WaiverResourceKey {
    /// A pattern with no wildcard, bracket or escape, or with a NUL (which matches only the same text).
    case name(String)
    case prefix([UInt8])
    /// The bytes every match ends with, last byte first.
    case reversedSuffix([UInt8])
    /// A pattern that starts and ends with a wildcard (`*-prod-*`): a literal run every match contains.
    case infix([UInt8])
    /// A pattern with no literal text to file it by (`*[[:digit:]]*`, or a run glibc reads in more than one way).
    case everywhere

    init(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        let head = bytes.prefix { !Self.isSpecial($0) }
        let length = WaiverResourceIndex.indexedLength
        if head.count == bytes.count || bytes.contains(0) {
            self = .name(pattern)
        } else if !head.isEmpty {
            self = .prefix(Array(head.prefix(length)))
        } else {
            // After the last wildcard, bracket or escape: text every match ends with.
            let tail = bytes.reversed().prefix { !Self.isSpecial($0) && $0 != UInt8(ascii: "]") }
            if !tail.isEmpty {
                self = .reversedSuffix(Array(tail.prefix(length)))
            } else {
                let run = Self.containedRun(bytes)
                self = run.isEmpty ? .everywhere : .infix(Array(run.prefix(length)))
            }
        }
    }

    /// A byte `fnmatch` reads as more than itself: a wildcard, a bracket's start or an escape.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\\")
    }

    /// The longest literal run glibc's `fnmatch` reads in the pattern: every match contains it. Elsewhere, where
    /// brackets may read differently, none.
    private static func containedRun(_ bytes: [UInt8]) -> [UInt8] {
        #if canImport(Glibc)
        GlobSyntax(bytes).longestLiteralRun
        #else
        []
        #endif
    }
}
