import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Loads the packs named by `--policy` (files, or directories of `*.yaml`/`*.yml`), or the embedded default.
public enum PolicySources {
    /// `allowOutsideTree` lets `extends` name files outside the checked tree.
    public static func load(_ paths: [String], allowOutsideTree: Bool = false) throws(Diagnostics) -> CompiledPolicy {
        var loader = PolicyLoader()
        loader.allowOutsideTree = allowOutsideTree
        guard !paths.isEmpty else { return CompiledPolicy(packs: [try PolicyLoader().loadDefault()]) }
        var packs: [PolicyPack] = []
        var problems: [Diagnostic] = []
        for file in files(in: paths, problems: &problems) {
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append(.cannotRead(file, .policyFile))
                continue
            }
            do {
                packs.append(try loader.load(source: SourceFile(path: InputPath.display(file), bytes: [UInt8](data))))
            } catch {
                problems += error.items
            }
        }
        var seen: [String: String] = [:]
        for pack in packs {
            if let other = seen[pack.id] {
                problems.append(Diagnostic(file: pack.origin, location: nil, message: "policy pack id '\(pack.id)' is also used by \(other)"))
            }
            seen[pack.id] = pack.origin
        }
        var ruleOrigins: [String: String] = [:]
        for pack in packs {
            for rule in pack.rules {
                if let other = ruleOrigins[rule.rule.id], other != pack.origin {
                    problems.append(Diagnostic(file: pack.origin, location: nil,
                                               message: "rule id '\(rule.rule.id)' is also defined in \(other)"))
                }
                ruleOrigins[rule.rule.id] = pack.origin
            }
        }
        if packs.isEmpty && problems.isEmpty {
            problems.append(Diagnostic(file: paths.joined(separator: " "), location: nil, message: "no policy pack found"))
        }
        guard problems.isEmpty else { throw Diagnostics(problems) }
        return CompiledPolicy(packs: packs)
    }

    private static func files(in paths: [String], problems: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(file: path, location: nil, message: "no such policy file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                result.append(path.hasSuffix("/") ? path + name : path + "/" + name)
            }
        }
        return result
    }
}
