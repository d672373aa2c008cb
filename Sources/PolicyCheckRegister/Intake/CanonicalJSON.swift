import PolicyCheckKit
import PolicyCheckSyntax

/// Writes a parsed JSON value back out with keys in their original order and no insignificant space, so a value
/// recorded from a bundle (its `settings`) is stored as the same text whichever engine holds it.
enum CanonicalJSON {
    static func write(_ node: SourceNode?, into json: inout JSONWriter) {
        guard let node, !node.isNull else {
            json.null()
            return
        }
        if let entries = node.entries {
            json.beginObject()
            for entry in entries {
                json.key(entry.key)
                write(entry.value, into: &json)
            }
            json.endObject()
        } else if let items = node.items {
            json.beginArray()
            for item in items { write(item, into: &json) }
            json.endArray()
        } else if let text = node.string {
            json.string(text)
        } else if let bool = node.bool {
            json.bool(bool)
        } else if let number = node.numberLiteral {
            json.number(literal: number)
        } else {
            json.null()
        }
    }
}
