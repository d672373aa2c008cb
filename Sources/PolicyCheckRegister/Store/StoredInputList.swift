import Foundation
import KeyMaterial
import PolicyCheckKit
import PolicyCheckSyntax

/// A run's input list as the register stores it: one row per distinct list in `input_lists`, its text the compact
/// JSON `[{"file":…,"status":…},…]` in the bundle's order and its key (`list_sha256`, named by `runs.input_list`)
/// the SHA-256 of that text, which anyone can recompute. The runs of a tree that did not change share one row, so a
/// push or an audit costs each distinct list once, not every run's inputs; one row per list rather than per input
/// keeps a 10,000-input list one bound value of about 45 bytes an input, not 10,000 rows of ~200 bytes with the key
/// repeated in each (docs/audit.md, "Fixed means evaluated").
struct StoredInputList: Sendable, Hashable {
    let key: String
    let text: String

    init(_ inputs: [RunRecord.Input]) {
        var json = JSONWriter(pretty: false)
        json.beginArray()
        for input in inputs {
            json.beginObject()
            json.field("file", input.file)
            json.field("status", input.status)
            json.endObject()
        }
        json.endArray()
        text = json.writtenText
        key = Digest.sha256(Array(text.utf8))
    }

    /// The inputs of a stored list's text; nil when it is not such a list (never written by this code). The text
    /// `init` writes is read directly when no string in it holds an escape; any other text — a path with a quote, a
    /// backslash or a control character — goes through the JSON reader, which cost 86 % of an audit of 1,000
    /// distinct 10,000-input lists when it read them all.
    static func inputs(_ text: String) -> [RunRecord.Input]? {
        var text = text
        if let inputs = text.withUTF8(direct) { return inputs }
        guard let items = (try? JSONReader().read(Array(text.utf8)))?.items else { return nil }
        let inputs = items.compactMap { item in
            item["file"]?.string.flatMap { file in item["status"]?.string.map { RunRecord.Input(file: file, status: $0) } }
        }
        return inputs.count == items.count ? inputs : nil
    }

    private static let fileKey = Array(#"{"file":""#.utf8)
    private static let statusKey = Array(#"","status":""#.utf8)

    /// `[{"file":"…","status":"…"},…]` exactly as `init` writes it, strings without escapes; nil otherwise.
    private static func direct(_ bytes: UnsafeBufferPointer<UInt8>) -> [RunRecord.Input]? {
        guard let base = bytes.baseAddress, bytes.count >= 2, bytes[0] == UInt8(ascii: "["),
              bytes[bytes.count - 1] == UInt8(ascii: "]") else { return nil }
        var inputs: [RunRecord.Input] = []
        var at = 1
        if bytes.count == 2 { return inputs }
        func has(_ literal: [UInt8]) -> Bool {
            bytes.count - at >= literal.count && memcmp(base + at, literal, literal.count) == 0
        }
        // The end of a string starting at `at`: its closing quote, when no backslash comes before it.
        func stringEnd() -> Int? {
            guard let quote = memchr(base + at, Int32(UInt8(ascii: "\"")), bytes.count - at) else { return nil }
            let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(quote))
            return memchr(base + at, Int32(UInt8(ascii: "\\")), end - at) == nil ? end : nil
        }
        while true {
            guard has(fileKey) else { return nil }
            at += fileKey.count
            guard let fileEnd = stringEnd() else { return nil }
            let file = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<fileEnd]), as: UTF8.self)
            at = fileEnd
            guard has(statusKey) else { return nil }
            at += statusKey.count
            guard let statusEnd = stringEnd(), statusEnd + 2 < bytes.count, bytes[statusEnd + 1] == UInt8(ascii: "}") else { return nil }
            inputs.append(RunRecord.Input(file: file, status: String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<statusEnd]), as: UTF8.self)))
            at = statusEnd + 2
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
            } else {
                return bytes[at] == UInt8(ascii: "]") && at == bytes.count - 1 ? inputs : nil
            }
        }
    }
}
