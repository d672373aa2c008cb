import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// `.policycheck.yaml`'s waivers, baseline, inline ignores, outputs, file size limit and include globs: read,
/// validated, layered under the flags, and applied by input discovery.
@Suite struct ConfigSuppressionAndOutputTests {
    static let config = """
        waivers: policy/waivers.yaml
        baseline: .policycheck-baseline.json
        inlineIgnores: false
        maxFileSize: 2M
        outputs:
          - {format: text}
          - {format: SARIF, path: out/report.sarif}
        include: ["deploy/**"]

        """

    private func load(_ text: String) throws -> (ProjectConfig, URL) {
        let directory = try PackText.directory([".policycheck.yaml": text])
        return (try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path), directory)
    }

    /// The problems of a configuration text, as `line:col: message`.
    private func problems(_ text: String) throws -> [String] {
        let directory = try PackText.directory([".policycheck.yaml": text])
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path)
            return []
        } catch {
            return error.items.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" }
        }
    }

    @Test func theFileStatesWaiversBaselineInlineIgnoresOutputsAndSize() throws {
        let (config, directory) = try load(Self.config)
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings = RunSettings(config: config, flags: RunSettings.Flags(), defaultJobs: 2)
        #expect(settings.waivers.value?.hasSuffix("/policy/waivers.yaml") == true)
        #expect(settings.baseline.value?.hasSuffix("/.policycheck-baseline.json") == true)
        #expect(settings.inlineIgnores.value == false)
        #expect(settings.maxFileBytes.value == 2 << 20)
        #expect(settings.outputs.value.compactMap(\.request).map(\.format) == [.text, .sarif])
        #expect(settings.outputs.value[1].path?.hasSuffix("/out/report.sarif") == true)
        #expect(settings.include.value == ["deploy/**"])
        for setting in [settings.waivers.source, settings.baseline.source, settings.inlineIgnores.source,
                        settings.maxFileBytes.source, settings.outputs.source] {
            guard case .configFile(let location) = setting else {
                Issue.record("\(setting) is not from the file")
                continue
            }
            #expect(location.contains(".policycheck.yaml:"))
        }
        let text = settings.text
        #expect(text.contains("inlineIgnores    off (everything shown)  (\(directory.path)/.policycheck.yaml:3:1)"), "\(text)")
        #expect(text.contains("maxFileSize      2M  ("))
    }

    @Test func flagsOverrideTheFileForEachSetting() throws {
        let (config, directory) = try load(Self.config)
        defer { try? FileManager.default.removeItem(at: directory) }
        var flags = RunSettings.Flags()
        flags.waivers = "other.yaml"
        flags.baseline = "old.json"
        flags.inlineIgnores = true
        flags.maxFileBytes = 1024
        flags.outputs = [ProjectConfig.Output(format: "json")]
        let settings = RunSettings(config: config, flags: flags, defaultJobs: 2)
        #expect(settings.waivers.value == "other.yaml" && settings.waivers.source == .commandLine)
        #expect(settings.baseline.value == "old.json" && settings.baseline.source == .commandLine)
        #expect(settings.inlineIgnores.value == true && settings.inlineIgnores.source == .commandLine)
        #expect(settings.maxFileBytes.value == 1024 && settings.maxFileBytes.source == .commandLine)
        #expect(settings.outputs.value == [ProjectConfig.Output(format: "json")] && settings.outputs.source == .commandLine)
    }

    @Test func withoutFileOrFlagsTheDefaultsApply() {
        let settings = RunSettings(config: nil, flags: RunSettings.Flags(), defaultJobs: 2)
        #expect(settings.waivers.value == nil && settings.waivers.source == .builtIn)
        #expect(settings.baseline.value == nil)
        #expect(settings.inlineIgnores.value == true && settings.inlineIgnores.source == .builtIn)
        #expect(settings.maxFileBytes.value == ByteSize.defaultMaxFileBytes)
        #expect(settings.outputs.value.isEmpty)
        #expect(settings.text.contains("maxFileSize      256M  (default)"))
    }

    @Test func badOutputsAndSizesAreLocatedErrors() throws {
        #expect(try problems("outputs:\n  - {format: sarfi, path: a.sarif}\n")
            == ["2:14: 'outputs[0].format' must be one of text, json, sarif, junit, github, markdown, found 'sarfi' (did you mean 'sarif'?)"])
        #expect(try problems("outputs:\n  - {format: text}\n  - {format: json}\n")
            == ["3:5: 'outputs[1]' is a second format on standard output (text and json); give it a 'path'"])
        #expect(try problems("outputs:\n  - {format: json, path: r}\n  - {format: sarif, path: r}\n").count == 1)
        #expect(try problems("maxFileSize: lots\n")
            == ["1:14: 'maxFileSize' must be a size in bytes such as 1048576, 512K, 256M or 1G, found 'lots'"])
        #expect(try problems("inlineIgnores: sometimes\n") == ["1:16: 'inlineIgnores' must be true or false, found a string"])
    }

    @Test(arguments: [("1048576", 1 << 20), ("512K", 512 << 10), ("256mb", 256 << 20), ("1G", 1 << 30)])
    func byteSizesParseAndDescribe(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
        #expect(ByteSize.parse(ByteSize.describe(bytes)) == bytes)
    }

    @Test func includeGlobsLimitTheWalkButNeverExplicitFiles() throws {
        let directory = try PackText.directory(["deploy/a.yaml": "a: 1\n", "deploy/eu/b.yaml": "b: 1\n",
                                                "drafts/c.yaml": "c: 1\n", "notes.json": "{}\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.path
        func found(_ include: [String], _ paths: [String]) -> [String] {
            InputDiscovery(includeGlobs: include).discover(paths).inputs.map { String($0.path.dropFirst(root.count + 1)) }
        }
        #expect(found([], [root]) == ["deploy/a.yaml", "deploy/eu/b.yaml", "drafts/c.yaml", "notes.json"])
        #expect(found(["*/deploy/**"], [root]) == ["deploy/a.yaml", "deploy/eu/b.yaml"])
        #expect(found(["*.json"], [root]) == ["notes.json"])
        #expect(found(["*/deploy/**"], [root, root + "/drafts/c.yaml"]) == ["deploy/a.yaml", "deploy/eu/b.yaml", "drafts/c.yaml"])
    }
}
