import KeyMaterial
import PolicyCheckModel

/// A finding's identity across runs: the same rule, file, resource, value path and offending value give the same
/// fingerprint even when lines move or messages are reworded. Baselines record it.
public enum FindingFingerprint {
    /// The version of the definition below, for documents that store fingerprints. Version 1 left the value out, so
    /// a baselined `region: us-east-2` edited to `cn-north-1` stayed "in baseline"; version 1 baselines are still
    /// read (matched by `legacy`, with a warning). Version 3 adds the deployment a finding in a shared file was
    /// reached through (`Finding.deployment`); every other finding keeps its version 2 fingerprint, so version 2
    /// baselines still match them, while a finding in a shared module or base recorded for one deployment no longer
    /// covers the same place reached through another. Version 4 adds what a finding is about beyond its value
    /// (`Evidence.scope`: the ports a world-open entry opens) to the value, so an SSH rule open to the world that
    /// comes to open every port is no longer "in baseline"; every other finding keeps its version 3 fingerprint.
    public static let version = 4
    /// The oldest version still read.
    public static let oldestReadable = 1

    /// Lowercase hex SHA-256 of `ruleId NUL file NUL resource NUL path [NUL @ deployment] NUL v` (UTF-8), where the
    /// bracketed part is there only for a finding that names its deployment, and `v` is `=` and the value's source
    /// text, or `-` when the finding has none. NUL cannot occur in the parts before `v` as read, and the byte after
    /// the path's NUL is `@`, `=` or `-`, so distinct tuples never share their input.
    public static func of(ruleId: String, file: String, resource: String, path: String, value: String?,
                          deployment: String? = nil) -> String {
        var bytes = identity(ruleId: ruleId, file: file, resource: resource, path: path, deployment: deployment)
        bytes.append(0)
        if let value {
            bytes.append(UInt8(ascii: "="))
            bytes.appendUTF8(value)
        } else {
            bytes.append(UInt8(ascii: "-"))
        }
        return Digest.sha256(bytes)
    }

    /// Version 1: lowercase hex SHA-256 of `ruleId NUL file NUL resource NUL path`, without the value (and, for a
    /// finding that names its deployment, `NUL @ deployment` after the path, so no version 1 entry covers it).
    public static func legacy(ruleId: String, file: String, resource: String, path: String,
                              deployment: String? = nil) -> String {
        Digest.sha256(identity(ruleId: ruleId, file: file, resource: resource, path: path, deployment: deployment))
    }

    private static func identity(ruleId: String, file: String, resource: String, path: String,
                                 deployment: String?) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ruleId.utf8.count + file.utf8.count + resource.utf8.count + path.utf8.count + 64)
        bytes.appendUTF8(ruleId)
        for part in [file, resource, path] {
            bytes.append(0)
            bytes.appendUTF8(part)
        }
        if let deployment {
            bytes.append(0)
            bytes.append(UInt8(ascii: "@"))
            bytes.appendUTF8(deployment)
        }
        return bytes
    }
}

extension Finding {
    /// Stable across runs and line moves, changed by a new value: see `FindingFingerprint`.
    public var fingerprint: String {
        FindingFingerprint.of(ruleId: ruleId, file: file, resource: resource, path: path, value: value,
                              deployment: deployment)
    }

    /// The version 1 fingerprint, for baselines written before the value counted.
    public var legacyFingerprint: String {
        FindingFingerprint.legacy(ruleId: ruleId, file: file, resource: resource, path: path, deployment: deployment)
    }
}
