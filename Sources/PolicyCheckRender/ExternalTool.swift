import Dispatch
import Foundation

/// The one place policycheck starts another program (`helm template`, `kubectl kustomize`).
///
/// An argv array (never a shell), a fixed minimal environment (so nothing of the caller's — tokens, kube contexts,
/// proxies — reaches the tool), a timeout, a cap on what is read from it, and its standard error kept for a one-line
/// diagnostic (`ToolMessage`). Nothing else in the package spawns processes.
public struct ExternalTool: Sendable {
    /// The executable's path (found on `PATH` or given by the user).
    public var executable: String
    /// Longest a run may take before the process is killed.
    public var timeout: Duration = .seconds(120)
    /// Most bytes read from standard output; more is an error, never a truncated render.
    public var outputCap = 64 << 20
    /// What of standard error's chosen message is withheld before it is bounded (`ToolMessage.summary`): values the
    /// caller passed on the command line that the tool may quote back (helm's `--set`).
    public var withhold: @Sendable (String) -> String = { $0 }

    /// The environment every tool runs with: enough to find helpers and write caches in a throwaway place.
    public static let environment: [String: String] = [
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": NSTemporaryDirectory(),
        "LC_ALL": "C",
        "HELM_CACHE_HOME": NSTemporaryDirectory() + "policycheck-helm-cache",
        "HELM_CONFIG_HOME": NSTemporaryDirectory() + "policycheck-helm-config",
        "HELM_DATA_HOME": NSTemporaryDirectory() + "policycheck-helm-data",
    ]

    public init(executable: String) {
        self.executable = executable
    }

    /// What a run produced.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        /// Standard error as one line that keeps the cause (`ToolMessage`).
        public var stderr: String
    }

    /// Why a run produced nothing usable.
    public enum Failure: Error, Sendable, Equatable {
        case cannotStart(String)
        case timedOut(Duration)
        case outputTooLarge(Int)
        case failed(status: Int32, stderr: String)

        public var message: String {
            switch self {
            case .cannotStart(let path): return "cannot run \(path)"
            case .timedOut(let limit): return "did not finish within \(limit.components.seconds) s (killed)"
            case .outputTooLarge(let cap): return "wrote more than \(cap) bytes (killed)"
            case .failed(let status, let stderr): return "exited with status \(status)\(stderr.isEmpty ? "" : ": \(stderr)")"
            }
        }
    }

    /// Runs the tool with `arguments` in `directory`; standard output when it exits 0.
    public func run(_ arguments: [String], in directory: String? = nil) -> Result<[UInt8], Failure> {
        let output: Output
        switch start(arguments, in: directory) {
        case .failure(let failure): return .failure(failure)
        case .success(let result): output = result
        }
        guard output.status == 0 else { return .failure(.failed(status: output.status, stderr: output.stderr)) }
        return .success(output.stdout)
    }

    /// The tool's version line (`helm version --short`, `kubectl version --client`), for the evidence.
    public func version(_ arguments: [String]) -> String? {
        guard case .success(let bytes) = run(arguments) else { return nil }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }

    private func start(_ arguments: [String], in directory: String?) -> Result<Output, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = Self.environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(.cannotStart(executable)) }
        let killed = KillReason()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(Int(timeout.components.seconds * 1000)))
        timer.setEventHandler { killed.set(.timedOut(timeout)); process.terminate() }
        timer.resume()
        // Standard error is drained on its own thread so a chatty tool cannot block on a full pipe.
        let errorText = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorText.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        var stdout: [UInt8] = []
        while true {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stdout += chunk
            if stdout.count > outputCap {
                killed.set(.outputTooLarge(outputCap))
                process.terminate()
                break
            }
        }
        process.waitUntilExit()
        timer.cancel()
        group.wait()
        if let reason = killed.reason { return .failure(reason) }
        return .success(Output(status: process.terminationStatus, stdout: stdout, stderr: ToolMessage.summary(errorText.data, withhold: withhold)))
    }

    /// Finds an executable by name on the caller's `PATH` (the user's choice of tool; it then runs with the fixed
    /// environment above).
    public static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Why the process was killed, set from the timer's thread.
private final class KillReason: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ExternalTool.Failure?
    var reason: ExternalTool.Failure? { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ reason: ExternalTool.Failure) { lock.lock(); if stored == nil { stored = reason }; lock.unlock() }
}

private final class Box: @unchecked Sendable {
    var data = Data()
}
