import Testing
import Foundation

/// The shared corpus of real-world inputs at `../shared/corpus` next to the package root, if present.
enum Corpus {
    /// The package root, found from this file's path (`Tests/PolicyCheckSyntaxTests/Corpus.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static var isAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static let missingComment: Comment = "shared corpus not found at ../shared/corpus relative to the package root"

    /// Paths relative to the corpus root of every `.json` file under `subdirectory`, sorted.
    static func jsonFiles(under subdirectory: String) -> [String] {
        let directory = root.appendingPathComponent(subdirectory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(subdirectory)/\($0)" }
    }

    /// Every JSON file of the Terraform plan fixtures.
    static var allJSONFiles: [String] {
        jsonFiles(under: "terraform-json") + jsonFiles(under: "checkov/terraform-plans")
    }

    /// The raw bytes of a corpus file.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }
}
