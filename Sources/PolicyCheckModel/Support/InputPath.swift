import Foundation

/// The path helpers every phase shares: the key that finds a file named twice, what a path names, and how a path is
/// shown (relative to the working directory).
package enum InputPath {
    /// The absolute form of a path with `.`, `..` and repeated slashes resolved as text, without asking the file
    /// system (as `URL.standardizedFileURL` does, at a fraction of its cost): the key that finds a file named twice.
    package static func standardized(_ path: String, in directory: String) -> String {
        var parts: [Substring] = []
        for part in (path.hasPrefix("/") ? path : directory + "/" + path).split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path without its last component, as `NSString.deletingLastPathComponent` spells it (`a/b/` → `a`,
    /// `/a` → `/`, `a` → ``), written out here because Foundation's traps on a one-character component (`x`, `k/`):
    /// `policycheck check x` crashed.
    package static func parent(of path: String) -> String {
        var bytes = Array(path.utf8)
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        guard bytes != [UInt8(ascii: "/")] else { return "/" }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        var parent = bytes[..<slash]
        while parent.last == UInt8(ascii: "/") { parent.removeLast() }
        return parent.isEmpty ? "/" : String(decoding: parent, as: UTF8.self)
    }

    /// Whether `path` is `home` or lies below it, judged on the standardized paths (`app1/../shared/main.tf` is not
    /// below `app1`).
    package static func isWithin(_ path: String, home: String, in directory: String) -> Bool {
        let file = standardized(path, in: directory)
        let root = standardized(home, in: directory)
        return file == root || root == "/" || file.hasPrefix(root + "/")
    }

    /// Whether the path (after following links) is a regular file.
    package static func isRegularFile(_ path: String) -> Bool {
        FileKind(path, followingLinks: true) == .regular
    }

    /// A path relative to the working directory when it lies below it.
    package static func display(_ path: String) -> String {
        var result = path
        while result.hasPrefix("./") { result.removeFirst(2) }
        let cwd = FileManager.default.currentDirectoryPath
        if result.hasPrefix(cwd + "/") { result.removeFirst(cwd.count + 1) }
        return result
    }

    /// A file found from an input (a kustomize build's origin, a patch, a chart's file), given as an absolute,
    /// standardized path, shown as that input is named: relative to the working directory `cwd` — with `..` when
    /// outside it — for an input named relatively (`../src/app`), else as `display` shows it. An input named
    /// `../tree` showed its kustomize-built findings at absolute paths, so a baseline written in one checkout did
    /// not cover them in another (tester, round 37).
    package static func display(_ absolute: String, foundFrom spelling: String, cwd: String) -> String {
        let base = standardized(cwd, in: "/")
        if absolute.hasPrefix(base + "/") { return String(absolute.dropFirst(base.count + 1)) }
        return spelling.hasPrefix("/") ? absolute : relative(from: base, to: absolute)
    }

    /// `to` relative to the directory `from` (both absolute and standardized).
    package static func relative(from: String, to: String) -> String {
        let base = from.split(separator: "/")
        let target = to.split(separator: "/")
        var common = 0
        while common < base.count && common < target.count && base[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }
}

/// What a path names, from `lstat`/`stat` alone (Foundation's `attributesOfItem` also looks up the owner's and
/// group's names, reading the user and group databases for every file of a walk).
package enum FileKind: Equatable {
    case directory, regular, symbolicLink, other

    /// The kind of the path itself, or of what a link leads to; `nil` when it cannot be read (or the link is broken).
    package init?(_ path: String, followingLinks: Bool) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: self = .directory
        case S_IFREG: self = .regular
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}
