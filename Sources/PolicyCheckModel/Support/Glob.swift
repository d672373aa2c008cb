import Foundation

/// Shell-style glob matching (`*`, `?`, `[…]`, and `**` across directories) via `fnmatch`.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        if pattern.contains("**") {
            // `**/` matches any number of leading directories; `**` alone matches across separators.
            let flattened = pattern.replacingOccurrences(of: "**/", with: "*").replacingOccurrences(of: "**", with: "*")
            return fnmatch(flattened, path, 0) == 0
        }
        return fnmatch(pattern, path, FNM_PATHNAME) == 0
    }
}
