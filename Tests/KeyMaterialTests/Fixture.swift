import Foundation
import KeyMaterial
import Testing

/// Loads committed fixtures next to this file (located via `#filePath`, no bundle resources).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The bytes of fixture `name`.
    /// Read with stdio rather than `Data(contentsOf:)`, which leaks a buffer for empty files on Linux
    /// and would muddy `--sanitize=address` leak reports.
    static func bytes(_ name: String) throws -> [UInt8] {
        let path = directory.appendingPathComponent(name).path
        guard let file = fopen(path, "rb") else { throw CocoaError(.fileReadNoSuchFile) }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            result.append(contentsOf: chunk[..<count])
            if count < chunk.count { break }
        }
        return result
    }

    /// The one object a single-block fixture yields.
    static func single(_ name: String) throws -> KeyObject {
        let objects = try KeyInspection.inspect(bytes(name))
        try #require(objects.count == 1, "expected one object in \(name), got \(objects.count)")
        return objects[0]
    }

    /// The error inspecting fixture `name` throws, or nil if it succeeds.
    static func inspectionError(_ name: String) throws -> KeyMaterialError? {
        let input = try bytes(name)
        do {
            _ = try KeyInspection.inspect(input)
            return nil
        } catch {
            return error
        }
    }

    /// `expected-fingerprints.txt` (or `ssh/expected-fingerprints.txt`): fixture name → SPKI SHA-256 computed by the
    /// openssl CLI.
    static func expectedFingerprints(_ file: String = "expected-fingerprints.txt") throws -> [String: String] {
        let text = String(decoding: try bytes(file), as: UTF8.self)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    /// Every fixture file name except the generator and expectations.
    static func allNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0 != "generate.sh" && $0 != "expected-fingerprints.txt" }
            .sorted()
    }
}
