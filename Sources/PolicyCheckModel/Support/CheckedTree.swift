import Foundation

/// The folder tree a run reads from: the working directory (in CI, the checkout), or — for a path named on the
/// command line outside it — that directory, or the named file's folder.
///
/// Inputs come from whoever wrote the pull request, so references they make must not reach out of the tree: a BYOK
/// `materials[]` path to `/etc/shadow` put that file's size in the evidence, and a link in a walked directory made
/// policycheck read and report any file the CI user can read. Outside references are refused unless the run says
/// `--allow-outside-tree`. Containment is judged on real paths, so `..` and symbolic links are seen through.
public struct CheckedTree: Sendable, Hashable {
    /// The tree's real path (links resolved), without a trailing slash.
    public let root: String

    public init(root: String) {
        self.root = Self.realPath(root) ?? InputPath.standardized(root, in: FileManager.default.currentDirectoryPath)
    }

    /// The working directory's tree.
    public static var workingDirectory: CheckedTree {
        CheckedTree(root: FileManager.default.currentDirectoryPath)
    }

    /// The tree of a path named on the command line.
    package static func of(argument path: String, isDirectory: Bool) -> CheckedTree {
        let cwd = workingDirectory
        if cwd.contains(path) { return cwd }
        return CheckedTree(root: isDirectory ? path : InputPath.parent(of: path))
    }

    /// Whether `path` lies in the tree: textually (`..` resolved) and, when it exists, after following links.
    public func contains(_ path: String) -> Bool {
        let absolute = InputPath.standardized(path, in: FileManager.default.currentDirectoryPath)
        guard Self.isWithin(absolute, root) || Self.isWithin(absolute, Self.textualRoot(root)) else { return false }
        guard let real = Self.realPath(path) else { return true }
        return Self.isWithin(real, root)
    }

    /// Whether `path`, its links followed, lies in the tree; a path that does not exist does not. Unlike `contains`,
    /// the path as written does not count: a folder reached through a link holds its files.
    package func containsReal(_ path: String) -> Bool {
        guard let real = Self.realPath(path) else { return false }
        return Self.isWithin(real, root)
    }

    /// One line saying why an outside reference is refused, and what to do.
    public static let refusal = "lies outside the checked tree; pass --allow-outside-tree to read it"

    private static func isWithin(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// The working directory as the shell names it may differ from its real path (a linked /tmp); both count.
    private static func textualRoot(_ root: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return realPath(cwd) == root ? InputPath.standardized(cwd, in: cwd) : root
    }

    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
