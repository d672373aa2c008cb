import KeyMaterial
import PolicyCheckModel

/// The key objects the general key-material rules judge: those in files found in the tree or named to
/// `keys verify` (BYOK material files have rules of their own).
enum KeyFileObjects {
    static func files(_ deployment: Deployment) -> [KeyFile] {
        deployment.keyFiles.filter { $0.role == .inTree || $0.role == .verified }
    }

    /// "block #2: " for multi-block files, "" otherwise.
    static func block(_ object: KeyObject, in file: KeyFile) -> String {
        file.objects.count > 1 ? "block #\(object.index): " : ""
    }

    /// Where a finding about `object` points: its own `-----BEGIN` line in a file of several blocks whose places are
    /// known, else the file's origin.
    static func place(_ object: KeyObject, in file: KeyFile) -> Origin {
        place(block: object.index, in: file)
    }

    /// Where a finding about block `index` points (`place(_:in:)`).
    static func place(block index: Int, in file: KeyFile) -> Origin {
        guard file.objects.count > 1, let offsets = file.blockOffsets, offsets.indices.contains(index) else {
            return file.origin
        }
        return Origin(offset: offsets[index], path: file.origin.path)
    }

    /// One result per file, failing with the evidence found for its objects.
    static func results(_ deployment: Deployment,
                        _ judge: (KeyObject, KeyFile) -> String?) -> [CheckResult] {
        files(deployment).map { file in
            let evidence = file.objects.compactMap { object in
                judge(object, file).map { Evidence(block(object, in: file) + $0, at: place(object, in: file)) }
            }
            return CheckResult(file.path, .from(evidence))
        }
    }
}
