import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Reads and inspects the files that BYOK key materials reference (wrapping public keys and encrypted key
/// material), relative to the manifest, so that the key-material rules can judge them without doing I/O.
package struct ByokMaterialResolver {
    /// The folder references are relative to (the manifest's folder; the working directory for stdin).
    package let baseDirectory: String
    package let reader: KeyFileReader
    /// The tree material files must lie in; `nil` when the run allows reading outside it.
    package let tree: CheckedTree?
    /// Larger referenced files are not key material (and are not read whole).
    let maxBytes = 1 << 20

    package init(baseDirectory: String, reader: KeyFileReader, tree: CheckedTree?) {
        self.baseDirectory = baseDirectory
        self.reader = reader
        self.tree = tree
    }

    /// Resolves every reference; problems reading a file are returned as diagnostics at the referencing field.
    package func resolve(_ deployment: inout Deployment) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for keyIndex in deployment.keys.indices {
            for materialIndex in deployment.keys[keyIndex].materials.indices {
                var material = deployment.keys[keyIndex].materials[materialIndex]
                if let reference = material.wrappingPublicKey {
                    material.wrappingKeyFile = load(reference, role: .wrappingPublicKey, deployment, &problems)
                }
                if let reference = material.encryptedKeyMaterial {
                    material.encryptedMaterialFile = load(reference, role: .encryptedKeyMaterial, deployment, &problems)
                }
                deployment.keys[keyIndex].materials[materialIndex] = material
            }
        }
        return problems
    }

    private func load(_ reference: Located<String>, role: KeyFileRole, _ deployment: Deployment,
                      _ problems: inout [Diagnostic]) -> KeyFile? {
        let path = reference.value.hasPrefix("/") ? reference.value : baseDirectory + "/" + reference.value
        let field = reference.origin.path.split(separator: ".").last.map(String.init) ?? "file"
        // Judged before the file is touched: not even its existence is learnt from outside the tree.
        if let tree, !tree.contains(path) {
            problems.append(Diagnostic(deployment.source, offset: reference.origin.offset,
                                       "\(field) '\(Excerpt.quote(reference.value))' \(CheckedTree.refusal)"))
            return nil
        }
        // FIFOs, sockets and devices are never opened: opening or reading one could block forever.
        if FileManager.default.fileExists(atPath: path), !InputPath.isRegularFile(path) {
            problems.append(Diagnostic(at: deployment.locate(reference.origin),
                                       "\(field) '\(Excerpt.quote(reference.value))' cannot be read: not a regular file"))
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            problems.append(Diagnostic(at: deployment.locate(reference.origin),
                                       "\(field) '\(Excerpt.quote(reference.value))' cannot be read: no such file or permission denied"))
            return nil
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else {
            problems.append(Diagnostic(at: deployment.locate(reference.origin),
                                       "\(field) '\(Excerpt.quote(reference.value))' is larger than \(maxBytes) bytes: not key material"))
            return nil
        }
        let shown = InputPath.display(URL(fileURLWithPath: path).standardizedFileURL.path)
        return reader.read([UInt8](data), path: shown, role: role, origin: reference.origin)
    }
}
