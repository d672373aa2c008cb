import Foundation

/// Runs work on a thread of its own with a stack large enough for the deepest evaluation the limits allow, and waits
/// for it. A module's values are evaluated recursively — a chain of 1,000 values nests some 10,000 frames — and the
/// caller's stack may be small (a Swift Testing or concurrency thread, a debug or AddressSanitizer build, whose frames
/// are several times larger). The reservation is virtual: only the pages a deep chain touches become resident.
enum DeepStack {
    static let size = 512 << 20

    /// The result of `work`, run on the deep stack.
    static func run<Result>(_ work: @escaping () -> Result) -> Result {
        let job = Job(work)
        let thread = Thread { job.run() }
        thread.stackSize = size
        thread.start()
        job.done.wait()
        return job.result!
    }

    /// The work and its result, handed to the thread and back; the caller waits on `done` before reading `result`,
    /// so the two threads never touch them at once.
    private final class Job<Result>: @unchecked Sendable {
        let work: () -> Result
        var result: Result?
        let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping () -> Result) { self.work = work }

        func run() {
            result = work()
            done.signal()
        }
    }
}
