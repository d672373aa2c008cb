#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on a thread of its own with a stack large enough for the deepest evaluation the limits allow, and waits
/// for it. A module's values are evaluated recursively — a chain of 1,000 values nests some 10,000 frames — and the
/// caller's stack may be small (a Swift Testing or concurrency thread, a debug or AddressSanitizer build, whose frames
/// are several times larger). The reservation is virtual: only the pages a deep chain touches become resident.
///
/// A plain POSIX thread, joined before returning: nothing of it outlives the call (a Foundation `Thread` kept the
/// work's captures alive past the process's last look, which LeakSanitizer reported as leaks).
enum DeepStack {
    static let size = 512 << 20

    /// The result of `work`, run on the deep stack (or here, if no thread can be made).
    static func run<Result>(_ work: @escaping () -> Result) -> Result {
        let job = Job(work)
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return work() }
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        let context = Unmanaged.passRetained(job as Runnable).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<Runnable>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<Runnable>.fromOpaque(context).release()
            return work()
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        pthread_join(thread!, nil)
        #endif
        return job.result!
    }

    /// What the thread runs (not generic: a C start routine cannot capture a type).
    private class Runnable {
        func run() {}
    }

    /// The work and its result. The caller reads `result` only after joining the thread that wrote it.
    private final class Job<Result>: Runnable {
        let work: () -> Result
        var result: Result?

        init(_ work: @escaping () -> Result) { self.work = work }

        override func run() { result = work() }
    }
}
