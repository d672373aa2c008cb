import Dispatch
import Foundation
import PolicyCheckModel
import Synchronization

/// Loads the embedded default pack on another thread while the command line is still being parsed: both are
/// start-up work that every `check` waits for (about 3 ms and 2.6 ms), and the second core is idle then.
///
/// `PolicyLoader.loadDefault()` takes the preloaded pack when a preload was started (waiting for it if need be) and
/// loads the pack itself otherwise, so the result is the same either way.
public enum DefaultPackPreload {
    private enum State: Sendable {
        case idle
        case loading
        case done(Result<PolicyPack, Diagnostics>)
    }

    private static let state = Mutex<State>(.idle)
    private static let finished = DispatchSemaphore(value: 0)

    /// Starts loading the default pack in the background (once; later calls do nothing).
    public static func start() {
        let begins = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .loading
            return true
        }
        guard begins else { return }
        // A thread of its own rather than Dispatch's pool: the pool's first worker starts milliseconds later.
        Thread.detachNewThread {
            let result = Result { () throws(Diagnostics) -> PolicyPack in
                try PolicyLoader().load(source: PolicyLoader.defaultSource)
            }
            state.withLock { $0 = .done(result) }
            finished.signal()
        }
    }

    /// Waits for a preload that was started to finish, before the process exits: `exit` runs OpenSSL's clean-up,
    /// and a preload still hashing the pack then crashed on freed state (`check --help` or a mistyped option ended
    /// in a segmentation fault about once in a hundred runs on a busy machine, instead of exit 0 or 2).
    public static func settle() {
        _ = result()
    }

    /// The preloaded pack, waiting for it to finish; `nil` when no preload was started.
    static func result() -> Result<PolicyPack, Diagnostics>? {
        let started = state.withLock { state -> Bool in
            if case .idle = state { return false }
            return true
        }
        guard started else { return nil }
        finished.wait()
        // Leave the semaphore signalled for any later caller.
        finished.signal()
        return state.withLock { state in
            if case .done(let result) = state { return result }
            return nil
        }
    }
}
