/// A path as a key that finds a file named twice: the bytes of its standardized form (`InputPath.key`).
///
/// Not the `String`: Swift compares strings by canonical equivalence, so `café.yaml` spelt with `é` (U+00E9) and with
/// `e` + U+0301 were one key, while to the file system, kubectl, kustomize and Terraform they are two files. A pull
/// request that added a world-open Service under the second spelling beside a harmless file under the first had it
/// dropped from the walk without a word (docs/security.md, row 37).
package struct PathKey: Hashable, Sendable, CustomStringConvertible {
    package let bytes: [UInt8]

    /// The key of a path exactly as written (standardize it first: `InputPath.key`).
    package init(_ path: String) {
        bytes = Array(path.utf8)
    }

    package var description: String { String(decoding: bytes, as: UTF8.self) }
}

extension InputPath {
    /// The key that finds a file named twice (`app/./x.yaml`, `app/../app/x.yaml`), byte for byte.
    package static func key(_ path: String, in directory: String) -> PathKey {
        PathKey(standardized(path, in: directory))
    }
}
