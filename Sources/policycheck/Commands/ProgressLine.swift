import Foundation
import Synchronization

/// A one-line counter of checked files on stderr, for `check` runs that take longer than about a second.
///
/// Shown only when stderr is a terminal and `CI` is not set, so tests, pipes and CI logs never see it; redrawn at
/// most ten times a second, and erased before the report is written.
final class ProgressLine: Sendable {
    /// How long a run goes before the line appears.
    static let delay: Duration = .seconds(1)
    static let interval: Duration = .milliseconds(100)

    private let start = ContinuousClock.now
    private struct State {
        var shown = false
        var lastDraw: ContinuousClock.Instant?
    }
    private let state = Mutex(State())

    /// A progress line when stderr is an interactive terminal outside CI, else `nil`.
    static func forStandardError() -> ProgressLine? {
        let environment = ProcessInfo.processInfo.environment
        if let ci = environment["CI"], !ci.isEmpty { return nil }
        if environment["TERM"] == "dumb" { return nil }
        return isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
    }

    /// Records progress; draws the line when the run is old enough and the last draw is not too recent.
    func update(checked: Int, total: Int) {
        let now = ContinuousClock.now
        guard now - start >= Self.delay else { return }
        let draw = state.withLock { state -> Bool in
            if let last = state.lastDraw, now - last < Self.interval, checked < total { return false }
            state.lastDraw = now
            state.shown = true
            return true
        }
        if draw { Self.write("\r\u{1B}[Kchecked \(checked) of \(total) files") }
    }

    /// Erases the line if it was drawn.
    func finish() {
        if state.withLock({ $0.shown }) { Self.write("\r\u{1B}[K") }
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
