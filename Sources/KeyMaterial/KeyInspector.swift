/// A reusable inspector holding OpenSSL decoder contexts; use one per thread or task, never share it.
public struct KeyInspector {
    let engine: InspectorEngine

    /// Creates an inspector; decoder contexts are built on first use and then reused.
    public init() throws(KeyMaterialError) {
        engine = try InspectorEngine()
    }

    /// Recognises every key, certificate or key-material block in `bytes` (content-based, never by file name).
    public func inspect(_ bytes: [UInt8]) throws(KeyMaterialError) -> [KeyObject] {
        try engine.decodeAll(bytes).map(\.object)
    }
}

@available(*, unavailable, message: "KeyInspector reuses OpenSSL contexts; create one per task or use KeyInspection")
extension KeyInspector: Sendable {}
