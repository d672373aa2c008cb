import Foundation

/// Fixed slots filled from several threads.
package final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    package init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    private var filled = 0

    /// Fills a slot; returns how many slots are filled.
    @discardableResult
    package func set(_ index: Int, _ value: Value) -> Int {
        lock.lock()
        defer { lock.unlock() }
        storage[index] = value
        filled += 1
        return filled
    }

    package var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}
