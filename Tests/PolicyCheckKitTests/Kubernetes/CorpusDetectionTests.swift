import Foundation
@testable import PolicyCheckInput
@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The real-world corpus holds no Kubernetes or provisioner inputs: neither adapter may claim any of its documents
/// (else Terraform plans or CloudFormation templates would be misread).
@Suite struct CorpusDetectionTests {
    static let corpus = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "shared/corpus")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "no corpus at ../shared/corpus"))
    func noCorpusDocumentIsTakenForKubernetesOrProvisionerInput() throws {
        let files = FileManager.default.enumerator(at: Self.corpus, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { ["json", "yaml", "yml"].contains($0.pathExtension) } ?? []
        #expect(files.count > 50)
        var parsed = 0
        for file in files {
            let raw = [UInt8](try Data(contentsOf: file))
            guard let text = try? TextDecoding.utf8Text(from: raw),
                  let documents = try? InputReader().parse(text) else { continue }
            parsed += 1
            for document in documents {
                #expect(!KubernetesAdapter.recognises(document), "\(file.lastPathComponent)")
                #expect(!ProvisionerAdapter.recognises(document), "\(file.lastPathComponent)")
            }
        }
        #expect(parsed > 50)
    }
}
