import KeyMaterial
import PolicyCheckKit
import PolicyCheckSyntax

/// A bundle the register refused: none of its run is stored, but the refusal itself is recorded, so the period
/// report can list runs whose evidence failed verification. What evidence.json claims is kept only as a claim.
public struct Refusal: Sendable, Hashable {
    public var bundle: String
    public var reason: String
    public var evidenceSHA256: String?
    /// What the (unverified) evidence.json says, when it can be read at all.
    public var claimedRunId: String?
    public var claimedRepository: String?
    public var claimedRef: String?
    public var claimedAt: Int64?

    public init(bundle: String, reason: String, evidence: [UInt8]? = nil, sha256: String? = nil) {
        // Text as the register stores it (`StoredText`): a claim may hold any character.
        self.bundle = StoredText.escape(bundle)
        self.reason = StoredText.escape(reason)
        self.evidenceSHA256 = sha256
        guard let evidence, let root = try? JSONReader().read(evidence) else { return }
        claimedRunId = root["run"]?["id"]?.storedString
        claimedRepository = root["ci"]?["repository"]?.storedString
        claimedRef = root["ci"]?["ref"]?.storedString
        claimedAt = root["run"]?["generatedAt"]?.string.flatMap(Timestamp.init(iso8601:))?.secondsSinceEpoch
    }

    /// One id per bundle, reason and bytes, so pushing the same refused bundle again records it once.
    public var id: String {
        Digest.sha256(Array("\(bundle)\n\(reason)\n\(evidenceSHA256 ?? "")".utf8))
    }
}
