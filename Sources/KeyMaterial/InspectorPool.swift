import Foundation

/// A small pool of `InspectorEngine`s for the Sendable entry points.
///
/// An engine is used by exactly one caller at a time: it is taken out under the lock, used
/// without it, then put back. Pooled engines live as long as the process.
final class InspectorPool: @unchecked Sendable {
    static let shared = InspectorPool(capacity: max(4, ProcessInfo.processInfo.activeProcessorCount * 2))

    private let lock = NSLock()
    private var idle: [InspectorEngine] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Runs `body` with an engine no other caller is using.
    func withEngine<T>(_ body: (InspectorEngine) throws(KeyMaterialError) -> T) throws(KeyMaterialError) -> T {
        let engine = try take()
        defer { give(engine) }
        return try body(engine)
    }

    private func take() throws(KeyMaterialError) -> InspectorEngine {
        lock.lock()
        let engine = idle.popLast()
        lock.unlock()
        if let engine { return engine }
        return try InspectorEngine()
    }

    private func give(_ engine: InspectorEngine) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < capacity { idle.append(engine) }
    }
}
