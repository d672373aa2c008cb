import Foundation
import PolicyCheckTestSupport
import KeyMaterial
@testable import PolicyCheckEvidence
import Testing

/// Files (the running executable among them) are hashed a chunk at a time; the digest is the one of the whole file.
@Suite struct FileHashTests {
    @Test(arguments: [0, 1, EvidenceInputFiles.hashChunkSize, 2 * EvidenceInputFiles.hashChunkSize + 12_345])
    func aFileHashedInChunksHasTheDigestOfItsBytes(_ size: Int) throws {
        let url = ScratchFolder.path("file-hash")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 11) }
        try Data(bytes).write(to: url)
        #expect(EvidenceInputFiles.sha256(ofFileAt: url.path) == Digest.sha256(bytes))
    }

    @Test func aMissingFileOrADirectoryHasNoDigest() {
        #expect(EvidenceInputFiles.sha256(ofFileAt: "/nonexistent/policycheck-\(UUID().uuidString)") == nil)
        #expect(EvidenceInputFiles.sha256(ofFileAt: FileManager.default.temporaryDirectory.path) == nil)
    }
}
