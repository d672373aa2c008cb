import PolicyCheckPolicy

/// What `verify-report` concludes from its checks. Only a bundle whose signature verified with the key given can be
/// `intact`: hashes alone prove that the files agree with `evidence.json`, not that `evidence.json` is the one that
/// was written, because whoever edits it can edit the hashes too.
public enum BundleVerdict: String, Sendable, Hashable {
    /// The signature verified with the key given and every recorded hash matches (exit 0).
    case intact = "INTACT"
    /// Something differs from what the bundle records, or the signature fails (exit 1).
    case altered = "ALTERED"
    /// The bundle is signed (or declares a signer) but no `--pubkey` was given, so it was not authenticated (exit 3).
    case unverified = "UNVERIFIED"
    /// The bundle carries no signature and declares none: nothing authenticates it (exit 3).
    case unsigned = "UNSIGNED"

    /// The verdict of a list of checks.
    public init(_ checks: [BundleVerifier.Check]) {
        if checks.contains(where: { $0.result == .changed }) {
            self = .altered
        } else if checks.contains(where: { $0.subject == BundleVerifier.signatureSubject && $0.result == .ok }) {
            self = .intact
        } else if checks.contains(where: { $0.subject == BundleVerifier.signatureSubject && $0.result == .unverified }) {
            self = .unverified
        } else {
            self = .unsigned
        }
    }

    /// 0 intact, 1 altered, 3 not authenticated (2, the bundle cannot be read, is thrown before any verdict).
    public var exitCode: Int32 {
        switch self {
        case .intact: return 0
        case .altered: return 1
        case .unverified, .unsigned: return 3
        }
    }
}
