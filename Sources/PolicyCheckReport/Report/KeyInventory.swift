import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckSyntax

/// What `keys inspect` found: every key object of every file, and the files that could not be inspected.
public struct KeyInventory: Sendable {
    public struct Entry: Sendable {
        public var file: String
        public var object: KeyObject
    }

    public private(set) var entries: [Entry] = []
    public private(set) var errors: [Diagnostic] = []
    /// Larger files are not key material and are not read whole.
    public var maxBytes = 16 << 20

    public init() {}

    /// Reads and inspects one file.
    public mutating func add(path: String) {
        let display = InputPath.display(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            errors.append(Diagnostic(file: display, location: nil, message: "no such file"))
            return
        }
        guard !isDirectory.boolValue else {
            errors.append(Diagnostic(file: display, location: nil, message: "is a directory; name key files"))
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            errors.append(.cannotRead(display, .fileNotOpenable))
            return
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else {
            errors.append(Diagnostic(file: display, location: nil, message: "file is larger than \(maxBytes) bytes: not key material"))
            return
        }
        let bytes = [UInt8](data)
        let scan = KeyInspection.scan(bytes, mode: .strict)
        guard let failure = scan.failure else {
            entries += scan.objects.map { Entry(file: display, object: $0) }
            return
        }
        let message = failure == .notKeyMaterial
            ? "not recognised key material (PEM, DER, OpenSSH, PuTTY, or a raw, hex or base64 AES key)" : failure.description
        let location = scan.failureOffset.map { SourceFile(path: display, bytes: bytes).location(ofOffset: $0) }
        errors.append(Diagnostic(file: display, location: location ?? SourceLocation(line: 1, column: 1), message: message))
    }
}

/// `keys inspect --format json`: `{"keys":[…],"errors":[…]}` (documented in docs/output.md).
public enum KeyInventoryJSON {
    public static func render(_ inventory: KeyInventory) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("keys")
        json.beginArray()
        for entry in inventory.entries { write(entry, into: &json) }
        json.endArray()
        json.field("errors", errors: inventory.errors)
        json.endObject()
        return json.writtenText + "\n"
    }

    /// One key object; certificate fields are present (null) for every object so the shape is fixed.
    public static func write(_ entry: KeyInventory.Entry, into json: inout JSONWriter) {
        KeyObjectJSON.write(entry.object, into: &json, layout: .inventory(file: entry.file))
    }
}

/// `keys inspect` as text: one line per key object, grouped by file.
public enum KeyInventoryText {
    public static func render(_ inventory: KeyInventory) -> String {
        var out = ""
        var current: String?
        for entry in inventory.entries {
            if entry.file != current {
                out += TerminalText.clean(entry.file) + "\n"
                current = entry.file
            }
            // Certificate subjects come from the file: no controls or bidi overrides reach the terminal.
            out += "  \(TerminalText.clean(entry.object.description))\n"
        }
        for error in inventory.errors { out += TerminalText.clean(error.description) + "\n" }
        let files = Set(inventory.entries.map(\.file)).count
        out += "\(inventory.entries.count) key object\(inventory.entries.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        out += inventory.errors.isEmpty ? "\n" : ", \(inventory.errors.count) error\(inventory.errors.count == 1 ? "" : "s")\n"
        return out
    }
}
