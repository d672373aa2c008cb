#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// A waiver's rule or resource glob, matched as `fnmatch(3)` matches it (docs/waivers.md), prepared for many texts.
/// A NUL in either (JSON can spell one, `\u0000`) would end the C string `fnmatch` reads, so `prod-db\u0000x` would
/// pass for `prod-db`: with a NUL, only the same bytes match. A long text against a long pattern goes to
/// `GlobMatcher`, compiled on the first of them and kept: `fnmatch` takes text length × pattern length there.
struct WaiverGlob {
    let pattern: String
    private let length: Int
    private let hasNul: Bool
    #if canImport(Glibc)
    /// `nil` until a long text comes; then the matcher, or `.some(nil)` when the pattern is left to `fnmatch`.
    private var compiled: GlobMatcher??
    #endif

    init(_ pattern: String) {
        self.pattern = pattern
        length = pattern.utf8.count
        hasNul = pattern.utf8.contains(0)
    }

    /// Text length × pattern length up to which `fnmatch` is quick (a few microseconds at worst) and is used.
    static let fnmatchWork = 1 << 14

    mutating func matches(_ text: String) -> Bool {
        if hasNul || text.utf8.contains(0) { return pattern.utf8.elementsEqual(text.utf8) }
        #if canImport(Glibc)
        if length * text.utf8.count > Self.fnmatchWork {
            if compiled == nil { compiled = .some(GlobMatcher(Array(pattern.utf8))) }
            if let matcher = compiled! { return matcher.matches(Array(text.utf8)) }
        }
        #endif
        return fnmatch(pattern, text, 0) == 0
    }
}
