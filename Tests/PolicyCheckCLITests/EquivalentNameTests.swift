import Foundation
import Testing

/// File and folder names that Unicode calls canonically equivalent (`é` precomposed, U+00E9, and `e` + U+0301) are
/// different names to the file system, kubectl and Terraform, but equal Swift strings: keyed by `String`, the second
/// was taken for the first and never read (docs/security.md, row 37).
@Suite struct EquivalentNameTests {
    typealias CLI = PolicyCheckProcess

    static let precomposed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    /// Pairs, not a dictionary: Swift takes the two spellings of `café` for one key.
    static func write(_ files: KeyValuePairs<String, String>, in root: URL) throws {
        for (file, text) in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static let clusterIP = "apiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec: {type: ClusterIP, ports: [{port: 80}]}\n"
    static let worldOpen = """
        apiVersion: v1
        kind: Service
        metadata: {name: open}
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: ["0.0.0.0/0"]
          ports: [{port: 22}]

        """

    /// A world-open Service in `café.yaml` spelt decomposed, beside a harmless `café.yaml` spelt precomposed, was
    /// dropped from the walk: the run passed with "1 file checked".
    @Test func aFileWhoseNameIsEquivalentToAnothersIsCheckedToo() throws {
        let root = try CLI.temporaryDirectory()
        try Self.write(["\(Self.precomposed).yaml": Self.clusterIP, "\(Self.decomposed).yaml": Self.worldOpen], in: root)
        let result = try CLI.run(["check", ".", "--fail-on", "none"], in: root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("MMC-NET-001"), "\(result.stdout)")
        #expect(result.stdout.contains("2 files checked"), "\(result.stdout)")
    }
}
