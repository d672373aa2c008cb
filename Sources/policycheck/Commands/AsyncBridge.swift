import Foundation

/// Runs async register code from a synchronous command. The commands stay synchronous so `check` keeps its plain
/// start-up path; only `register` and `audit` start a task (and, for PostgreSQL, its event loop).
enum AsyncBridge {
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.result = .success(try await body())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Written once by the task before it signals, read once after the wait.
    private final class Box<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
