import PolicyCheckKit

/// The one way a command fails to do its work ("could not check"): the lines to print on standard error, then exit
/// code 2. Commands throw it; `PolicyCheckMain` alone prints it and exits, so the exit code and the stream are
/// decided in one place.
struct CommandFailure: Error {
    /// One-line messages (`file:line:col: error: …`), printed in order.
    var lines: [String]

    init(_ line: String) {
        self.lines = [line]
    }

    /// Several one-line messages (every refused bundle of a push, say).
    init(lines: [String]) {
        self.lines = lines
    }

    /// Every diagnostic of a failed load, one line each.
    init(_ diagnostics: Diagnostics) {
        self.lines = diagnostics.items.map(\.description)
    }

    /// An error that describes itself in one line (`Diagnostic`, the writers' and verifiers' errors).
    init(_ error: some CustomStringConvertible) {
        self.lines = [error.description]
    }
}

extension CommandFailure {
    /// The library's one-line failures a command lets through, as a failure (`nil` for any other error, such as
    /// the argument parser's).
    init?(library error: any Error) {
        switch error {
        case let failure as CommandFailure: self = failure
        case let diagnostics as Diagnostics: self.init(diagnostics)
        case let diagnostic as Diagnostic: self.init(diagnostic)
        case let failure as EvidenceInputFiles.Failure: self.init(failure)
        default: return nil
        }
    }
}
