import KeyMaterial
import PolicyCheckModel

/// A finding's identity across runs: the same rule, file, resource, value path and offending value give the same
/// fingerprint even when lines move or messages are reworded. Baselines record it.
public enum FindingFingerprint {
    /// The version of the definition below, for documents that store fingerprints. Version 1 left the value out, so
    /// a baselined `region: us-east-2` edited to `cn-north-1` stayed "in baseline"; version 1 baselines are still
    /// read (matched by `legacy`, with a warning).
    public static let version = 2
    /// The oldest version still read.
    public static let oldestReadable = 1

    /// Lowercase hex SHA-256 of `ruleId NUL file NUL resource NUL path NUL v` (UTF-8), where `v` is `=` and the
    /// value's source text, or `-` when the finding has none. NUL cannot occur in the first four parts as read, so
    /// distinct tuples never share their input.
    public static func of(ruleId: String, file: String, resource: String, path: String, value: String?) -> String {
        var bytes = identity(ruleId: ruleId, file: file, resource: resource, path: path)
        bytes.append(0)
        if let value {
            bytes.append(UInt8(ascii: "="))
            bytes.appendUTF8(value)
        } else {
            bytes.append(UInt8(ascii: "-"))
        }
        return Digest.sha256(bytes)
    }

    /// Version 1: lowercase hex SHA-256 of `ruleId NUL file NUL resource NUL path`, without the value.
    public static func legacy(ruleId: String, file: String, resource: String, path: String) -> String {
        Digest.sha256(identity(ruleId: ruleId, file: file, resource: resource, path: path))
    }

    private static func identity(ruleId: String, file: String, resource: String, path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ruleId.utf8.count + file.utf8.count + resource.utf8.count + path.utf8.count + 64)
        bytes.appendUTF8(ruleId)
        for part in [file, resource, path] {
            bytes.append(0)
            bytes.appendUTF8(part)
        }
        return bytes
    }
}

extension Finding {
    /// Stable across runs and line moves, changed by a new value: see `FindingFingerprint`.
    public var fingerprint: String {
        FindingFingerprint.of(ruleId: ruleId, file: file, resource: resource, path: path, value: value)
    }

    /// The version 1 fingerprint, for baselines written before the value counted.
    public var legacyFingerprint: String {
        FindingFingerprint.legacy(ruleId: ruleId, file: file, resource: resource, path: path)
    }
}
