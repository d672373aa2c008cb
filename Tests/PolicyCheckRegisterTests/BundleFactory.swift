import Foundation
import KeyMaterial
import PolicyCheckSyntax
import Testing

/// Real evidence bundles for push tests: one made by `policycheck report` (reproducible, CI identity set), then
/// cloned into many runs by rewriting the fields a run differs in — id, time, repository, ref, previous link —
/// in evidence.json. The pages are the template's, so every clone verifies exactly as a real bundle does. The
/// template clones are made from is unsigned (a signed one's evidence.json declares a signer, so a clone without
/// a matching `.sig` is an altered bundle); a signed twin is made beside it when a key is given.
struct BundleFactory {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let epoch: Int64 = 1_735_689_600

    let root: URL
    /// The unsigned bundle every clone is made from.
    let template: URL
    /// The same report signed with the key given to `init` (nil without one).
    let signedTemplate: URL?
    private let templateText: String
    private let templateRunId: String

    /// Makes the template bundle with `report`, and its signed twin when `signKey` is given. The checked tree is
    /// `manifests/high-only.yaml`, or what `tree` writes into `manifests/`. Without `outcomes`, clones leave out the
    /// outcome of every rule for every resource (no part of a run the register stores), so a thousand clones of a
    /// large tree stay small.
    init(signKey: String? = nil, tree: ((URL) throws -> Void)? = nil, outcomes: Bool = true) throws {
        root = try TemporaryFolder.make()
        let manifests = root.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        if let tree {
            try tree(manifests)
        } else {
            try FileManager.default.copyItem(atPath: Self.packageRoot.appendingPathComponent("Tests/PolicyCheckCLITests/Fixtures/high-only.yaml").path,
                                             toPath: manifests.appendingPathComponent("high-only.yaml").path)
        }
        template = root.appendingPathComponent("template")
        try Self.report(into: template, in: root, signKey: nil)
        if let signKey {
            signedTemplate = root.appendingPathComponent("signed-template")
            try Self.report(into: signedTemplate!, in: root, signKey: signKey)
        } else {
            signedTemplate = nil
        }
        var text = try String(contentsOf: template.appendingPathComponent("evidence.json"), encoding: .utf8)
        if !outcomes, let start = text.range(of: "\n  \"outcomes\": ["), let end = text.range(of: "\n  ],\n  \"findings\"", range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.lowerBound..<end.lowerBound, with: "\n  \"outcomes\": [")
        }
        templateText = text
        let parsed = try JSONReader().read(Array(templateText.utf8))
        templateRunId = try #require(parsed["run"]?["id"]?.string)
    }

    private static func report(into out: URL, in root: URL, signKey: String?) throws {
        var arguments = ["report", "manifests", "--out", out.path]
        if let signKey { arguments += ["--sign-key", signKey] }
        let result = try Shell.run(Shell.policycheck, arguments, environment: [
            "SOURCE_DATE_EPOCH": String(epoch), "GITHUB_REPOSITORY": "acme/template", "GITHUB_REF": "refs/heads/main",
            "GITHUB_SHA": "0123456789abcdef", "GITHUB_ACTOR": "dev", "GITHUB_SERVER_URL": "https://github.example", "GITHUB_RUN_ID": "1",
        ], in: root)
        try #require(result.status == 0 || result.status == 1, "report failed: \(result.stderr)")
    }

    /// One run's bundle: evidence.json rewritten (and `replacements` made in it), pages linked from the template.
    /// Returns the directory and the SHA-256 of its evidence.json (for the next run's link).
    @discardableResult
    func clone(_ name: String, runId: String, repository: String, at time: Int64,
               previous: (runId: String, sha256: String)? = nil, replacements: [(String, String)] = []) throws -> (path: String, sha256: String) {
        let directory = root.appendingPathComponent("bundles").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for page in ["report.html", "report.md"] {
            try FileManager.default.linkItem(at: template.appendingPathComponent(page), to: directory.appendingPathComponent(page))
        }
        var edits = [("\"id\": \"\(templateRunId)\"", "\"id\": \"\(runId)\""),
                     ("\"generatedAt\": \"2025-01-01T00:00:00Z\"", "\"generatedAt\": \"\(Self.iso(time))\""),
                     ("\"repository\": \"acme/template\"", "\"repository\": \"\(repository)\"")]
        if let previous {
            edits.append(("\"previous\": null", "\"previous\": {\"sha256\": \"\(previous.sha256)\", \"runId\": \"\(previous.runId)\"}"))
        }
        let bytes = Self.replacing(edits + replacements, in: Array(templateText.utf8))
        try Data(bytes).write(to: directory.appendingPathComponent("evidence.json"))
        return (directory.path, Digest.sha256(bytes))
    }

    /// Every occurrence of each `old` replaced by its `new`, in order, found with `memchr` and `memcmp` (Foundation's
    /// `replacingOccurrences` took seconds per clone of a 10,000-input bundle).
    static func replacing(_ edits: [(String, String)], in bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for (old, new) in edits {
            let pattern = Array(old.utf8)
            var output: [UInt8] = []
            output.reserveCapacity(result.count)
            result.withUnsafeBytes { haystack in
                let base = haystack.baseAddress!
                var copied = 0
                var from = 0
                while haystack.count - from >= pattern.count,
                      let hit = memchr(base + from, Int32(pattern[0]), haystack.count - from - pattern.count + 1) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, pattern, pattern.count) == 0 {
                        output.append(contentsOf: haystack[copied..<at])
                        output.append(contentsOf: new.utf8)
                        copied = at + pattern.count
                        from = copied
                    } else {
                        from = at + 1
                    }
                }
                output.append(contentsOf: haystack[copied...])
            }
            result = output
        }
        return result
    }

    /// A hostile edit of a bundle's evidence.json (JSON text replaced as given): the pages still match their
    /// recorded hashes and the bundle is unsigned, so it verifies as it is handed over.
    static func edit(_ bundle: String, _ replacements: [(String, String)]) throws {
        let file = URL(fileURLWithPath: bundle).appendingPathComponent("evidence.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        for (old, new) in replacements {
            try #require(text.contains(old), "evidence.json has no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try FileManager.default.removeItem(at: file)
        try Data(text.utf8).write(to: file)
    }

    /// `count` runs of one repository's chain, each linked to the one before: bundles named PREFIX00000, …, with
    /// run ids `runId(PREFIX00000)`, ….
    func chain(_ repository: String, count: Int, prefix: String, from time: Int64 = epoch) throws -> [String] {
        var previous: (runId: String, sha256: String)?
        var paths: [String] = []
        for index in 0..<count {
            let name = "\(prefix)\(String(format: "%05d", index))"
            let runId = Self.runId(name)
            let made = try clone(name, runId: runId, repository: repository, at: time + Int64(index) * 600, previous: previous)
            paths.append(made.path)
            previous = (runId, made.sha256)
        }
        return paths
    }

    /// A run id as `report` writes one (32 lowercase hex digits), derived from a readable name.
    static func runId(_ name: String) -> String {
        String(Digest.sha256(Array(name.utf8)).prefix(32))
    }

    static func iso(_ time: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }

    /// An Ed25519 key pair made with the openssl command line: (private, public).
    static func keyPair(_ name: String, in folder: URL) throws -> (String, String) {
        let key = folder.appendingPathComponent("\(name).pem").path
        let pub = folder.appendingPathComponent("\(name).pub.pem").path
        _ = try Shell.run("/usr/bin/env", ["openssl", "genpkey", "-algorithm", "ed25519", "-out", key])
        _ = try Shell.run("/usr/bin/env", ["openssl", "pkey", "-in", key, "-pubout", "-out", pub])
        return (key, pub)
    }
}
