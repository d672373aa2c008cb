import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import PolicyCheckSyntax

/// Terraform source fixtures (`Fixtures/terraform-source/<name>/`), read and evaluated like `policycheck check DIR`.
enum TerraformSourceFixture {
    static let directory = TerraformFixture.testsDirectory.appendingPathComponent("Fixtures/terraform-source")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A fixture path as diagnostics show it.
    static func displayPath(_ name: String) -> String { InputPath.display(path(name)) }

    /// The evaluated root module instance of a fixture, and its loader (for files and notices). The caller calls
    /// `dismantle()` when done, as the reader does, or the module tree outlives the test (LeakSanitizer).
    static func evaluate(_ name: String, options: AdapterOptions = AdapterOptions()) throws -> (TerraformModuleInstance, TerraformModuleLoader) {
        try evaluate(directory: path(name), options: options)
    }

    static func evaluate(directory: String, options: AdapterOptions = AdapterOptions()) throws -> (TerraformModuleInstance, TerraformModuleLoader) {
        let loader = TerraformModuleLoader(rootDirectory: directory)
        let config = try loader.loadRoot()
        let inputs = try TerraformVariableInputs(loader: loader).read(
            directory: directory, given: options.terraformVariableInputs)
        let root = TerraformModuleInstance(config: config, address: "", path: [], loader: loader, inputs: inputs, providerKeys: [:])
        do { try root.evaluateAll() } catch { root.dismantle(); throw error }
        return (root, loader)
    }

    /// The deployment a fixture reads into, or the errors.
    static func read(_ name: String, options: AdapterOptions = AdapterOptions()) -> TerraformSourceReader.Outcome {
        TerraformSourceReader(options: options).read(directory: path(name), name: name)
    }

    /// The default pack's findings for a module written inline (file name → text), read from a temporary folder.
    static func findings(files: [String: String]) throws -> [Finding] {
        let directory = try temporaryModule(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        guard let deployment = outcome.deployment else { throw Failure(outcome.errors.map(\.description).joined(separator: "; ")) }
        return try TerraformFixture.findings(deployment)
    }

    /// The default pack's findings for a fixture (which must read without errors).
    static func findings(_ name: String, options: AdapterOptions = AdapterOptions()) throws -> [Finding] {
        let outcome = read(name, options: options)
        guard let deployment = outcome.deployment else { throw Failure(outcome.errors.map(\.description).joined(separator: "; ")) }
        return try TerraformFixture.findings(deployment)
    }

    /// The default pack's findings for one `main.tf` (which must read without errors), read from a temporary
    /// module that is removed afterwards.
    static func findings(main text: String) throws -> [Finding] {
        let directory = try temporaryModule(["main.tf": text])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "main")
        guard let deployment = outcome.deployment else { throw Failure(outcome.errors.map(\.description).joined(separator: "; ")) }
        return try TerraformFixture.findings(deployment)
    }

    /// `file:line:col` of a packed offset.
    static func place(_ packed: Int, _ loader: TerraformModuleLoader) -> String {
        let origin = Origin(offset: packed, path: "")
        let file = loader.files[origin.fileIndex]
        return "\((file.path as NSString).lastPathComponent):\(file.location(ofOffset: origin.offset))"
    }

    /// A compact spelling of a value: JSON with unknowns as `?`.
    static func spell(_ value: TerraformValue) -> String {
        switch value.kind {
        case .unknown: return "?"
        case .resource(let address, _): return "<\(address)>"
        case .list(let items): return "[" + items.map(spell).joined(separator: ",") + "]"
        case .object: return "{" + value.sortedMembers!.map { "\($0.key):\(spell($0.value))" }.joined(separator: ",") + "}"
        default: return TerraformJSON.encode(value)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A temporary module directory with the given files, removed by the caller.
    static func temporaryModule(_ files: [String: String]) throws -> String {
        let root = ScratchFolder.path("tfsource")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }
}
