import Foundation
import PolicyCheckSyntax

/// A YAML settings file the tool reads for itself (a policy pack, a policy test, `.policycheck.yaml`, a waiver
/// file): decoded, parsed to its first document, every syntax problem thrown as a located diagnostic. The one reader
/// of such files, so they all take the same encodings and report problems the same way.
package struct SettingsDocument {
    /// The decoded text (a byte-order mark removed, UTF-16 transcoded): positions in `root` are offsets into it.
    package let source: SourceFile
    /// The first document, or `nil` for a file with none.
    package let root: SourceNode?
    /// The file's bytes as read, for hashing.
    let bytes: [UInt8]

    /// Parses the bytes of a file shown as `path`.
    package static func parse(_ bytes: [UInt8], path: String) throws(Diagnostics) -> SettingsDocument {
        let text: [UInt8]
        do {
            text = try TextDecoding.utf8Text(from: bytes)
        } catch {
            throw Diagnostics([Diagnostic(SourceFile(path: path, bytes: bytes), offset: error.offset, error.message)])
        }
        let source = SourceFile(path: path, bytes: text)
        do {
            return SettingsDocument(source: source, root: try YAMLReader().read(text).first, bytes: bytes)
        } catch {
            throw Diagnostics([Diagnostic(source, offset: error.offset, error.message)])
        }
    }

    /// The first document, or an error at the file's start saying it is empty (`"the waiver file is empty"`).
    package func requireRoot(_ emptyMessage: String) throws(Diagnostics) -> SourceNode {
        guard let root else { throw Diagnostics([Diagnostic(source, offset: 0, emptyMessage)]) }
        return root
    }
}
