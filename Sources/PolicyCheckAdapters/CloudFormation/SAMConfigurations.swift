import Foundation
import PolicyCheckModel
import Synchronization

/// What one run knows of its SAM configurations (`SAMConfig`): the configuration files it checks, each of which may
/// deploy any template of it, and each file and folder looked up once — for the run, not the process, so a later
/// run (a test, a library caller) reads the files as they are then.
package final class SAMConfigurations: Sendable {
    /// The run's configuration files, absolute paths.
    let runFiles: [String]
    private let configurations = Mutex<[String: SAMConfig?]>([:])
    private let folders = Mutex<[String: [String]]>([:])

    package init(runFiles: [String] = []) {
        self.runFiles = runFiles
    }

    /// What deploys a template: the scenarios of every configuration that names it, or a configuration that cannot
    /// be read (which may).
    struct Deploying {
        var scenarios: [(scenario: SAMConfig.Scenario, file: String)] = []
        var unreadable: String?
    }

    /// Every configuration that deploys the template at `path` (absolute): each of the run's (any may name it, with
    /// `../` or through a link), and in the template's folder and each folder above it inside the checked tree the
    /// first of SAM's file names present (as `sam deploy` run there finds it, even when it sets nothing). A template
    /// is matched by its real path. All that deploy it are applied: a nearer configuration does not hide a farther
    /// one that deploys it too (review, round 34).
    func deploying(templateAt path: String, in directory: String, tree: CheckedTree?) -> Deploying {
        var result = Deploying()
        guard let real = SAMConfig.realPath(path) else { return result }
        var seen: Set<String> = []
        for file in runFiles + folderConfigurations(of: directory, tree: tree ?? .workingDirectory) {
            // A configuration is known by its folder's real path and its own name: a `samconfig.toml` that is a link
            // is read through it, as SAM reads it.
            let name = SAMConfigNames.lastComponent(file)
            guard let folder = SAMConfig.realPath(SAMConfig.parent(of: file)) else { continue }
            let key = (folder.hasSuffix("/") ? folder : folder + "/") + name
            guard seen.insert(key).inserted else { continue }
            // In a folder, SAM reads the first of its names present; the others are not its configuration.
            guard SAMConfig.firstPresent(in: folder) == key else { continue }
            guard let config = configuration(at: key) else {
                result.unreadable = result.unreadable ?? name
                continue
            }
            for scenario in config.scenarios where scenario.deploys(templateAt: real, from: folder) {
                result.scenarios.append((scenario, name))
            }
        }
        return result
    }

    /// The configuration files SAM would read for a template in `directory`: in it and each folder above it inside
    /// the tree, the first of SAM's names present — found once per folder and tree, by string operations on its real
    /// path (Foundation's path methods cost some 400,000 instructions a template).
    private func folderConfigurations(of directory: String, tree: CheckedTree) -> [String] {
        let key = tree.root + "\u{0}" + directory
        if let known = folders.withLock({ $0[key] }) { return known }
        var found: [String] = []
        if var folder = SAMConfig.realPath(directory) {
            for _ in 0..<64 {
                if let present = SAMConfig.firstPresent(in: folder) { found.append(present) }
                let parent = SAMConfig.parent(of: folder)
                guard parent != folder, parent == tree.root || tree.root == "/" || parent.hasPrefix(tree.root + "/") else { break }
                folder = parent
            }
        }
        folders.withLock { $0[key] = found }
        return found
    }

    /// The configuration in a file, read once; `nil` when it cannot be read.
    private func configuration(at path: String) -> SAMConfig? {
        if let known = configurations.withLock({ $0[path] }) { return known }
        let config = SAMConfig.load(path)
        configurations.withLock { $0[path] = .some(config) }
        return config
    }
}
