import Foundation
import PolicyCheckInput
import PolicyCheckModel

/// Builds a kustomization with `kubectl kustomize` and attributes each object to the file it came from.
///
/// kubectl has no flag for origin annotations, so the build runs on a throwaway kustomization that includes the
/// user's directory as its only resource and asks for `buildMetadata: [originAnnotations]` (kustomize v4.5.4+;
/// https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/buildmetadata/): every object then carries
/// `config.kubernetes.io/origin: path: <file>`. A `Component` built on its own is named under the throwaway
/// kustomization's `components:` instead (kustomize refuses one among `resources`). The user's files are not
/// touched. When that build fails the directory is built directly, without origins, and that build's error is the
/// one reported (it names the user's paths, not the throwaway's).
struct KustomizeRenderer: Sendable {
    var tool: ExternalTool

    func render(_ source: RenderSource, asComponent: Bool = false) -> Result<RenderedStream, ExternalTool.Failure> {
        let cwd = FileManager.default.currentDirectoryPath
        let target = InputPath.standardized(source.directory, in: cwd)
        let wrapper = NSTemporaryDirectory() + "policycheck-kustomize-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: wrapper) }
        let relative = InputPath.relative(from: InputPath.standardized(wrapper, in: cwd), to: target)
        let field = asComponent ? "components" : "resources"
        let kustomization = "\(field):\n  - \(Self.quoted(relative))\nbuildMetadata: [originAnnotations]\n"
        if (try? FileManager.default.createDirectory(atPath: wrapper, withIntermediateDirectories: true)) != nil,
           FileManager.default.createFile(atPath: wrapper + "/kustomization.yaml", contents: Data(kustomization.utf8)),
           case .success(let bytes) = tool.run(["kustomize", wrapper]) {
            return .success(Self.stream(bytes, wrapper: InputPath.standardized(wrapper, in: cwd), cwd: cwd,
                                        spelling: source.directory))
        }
        return tool.run(["kustomize", source.directory]).map { RenderedStream.documents($0) { _ in nil } }
    }

    /// The stream with each object attributed to its origin file, shown as the build's folder is named
    /// (`spelling`; `InputPath.display(_:foundFrom:cwd:)`).
    static func stream(_ bytes: [UInt8], wrapper: String, cwd: String, spelling: String) -> RenderedStream {
        RenderedStream.documents(bytes) { lines in
            guard let annotation = lines.firstIndex(where: { $0.contains("config.kubernetes.io/origin:") }),
                  let pathLine = lines[(annotation + 1)...].prefix(3).first(where: {
                      $0.trimmingCharacters(in: .whitespaces).hasPrefix("path: ")
                  }) else { return nil }
            let origin = pathLine.trimmingCharacters(in: .whitespaces).dropFirst("path: ".count)
            let absolute = InputPath.standardized(wrapper + "/" + origin, in: cwd)
            return InputPath.display(absolute, foundFrom: spelling, cwd: cwd)
        }
    }

    /// A YAML double-quoted scalar (a directory name could hold anything).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
