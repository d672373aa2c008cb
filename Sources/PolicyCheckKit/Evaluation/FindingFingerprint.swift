import KeyMaterial

/// A finding's identity across runs: the same rule, file, resource and value path give the same fingerprint even
/// when lines move or messages are reworded. Baselines record it; SARIF's `partialFingerprints` can reuse it.
public enum FindingFingerprint {
    /// The version of the definition below, for documents that store fingerprints.
    public static let version = 1

    /// Lowercase hex SHA-256 of `ruleId NUL file NUL resource NUL path` (UTF-8). NUL cannot occur in any of the
    /// parts as read, so distinct tuples never share their input.
    public static func of(ruleId: String, file: String, resource: String, path: String) -> String {
        var bytes: [UInt8] = []
        for (index, part) in [ruleId, file, resource, path].enumerated() {
            if index > 0 { bytes.append(0) }
            bytes += Array(part.utf8)
        }
        return Digest.sha256(bytes)
    }
}

extension Finding {
    /// Stable across runs and line moves: see `FindingFingerprint`.
    public var fingerprint: String {
        FindingFingerprint.of(ruleId: ruleId, file: file, resource: resource, path: path)
    }
}
