/// Which plain words a reader of a YAML document takes for booleans.
///
/// `YAMLReader` resolves plain scalars by the YAML 1.2 core schema, where only `true` and `false` (in three
/// spellings) are booleans. The tools that deploy some YAML inputs read YAML 1.1, where more plain words are:
///
/// - kubectl and Helm decode manifests with sigs.k8s.io/yaml over go-yaml v2, whose resolver reads plain
///   `y Y yes Yes YES on On ON` as true and `n N no No NO off Off OFF` as false (go-yaml v2 `resolve.go`,
///   `resolveMapList`), so `enabled: on` is `true` for the API server.
/// - CloudFormation "supports the YAML Version 1.1 specification"
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html) and treats the same
///   unquoted words as booleans (the AWS CLI quotes them when it writes templates for that reason: aws/aws-cli#5257,
///   `y|Y|yes|Yes|YES|n|N|no|No|NO|…|on|On|ON|off|Off|OFF`), so `StorageEncrypted: off` is `false`.
///
/// Only a plain (unquoted), untagged scalar is such a word: `'off'` and `!!str off` stay strings in YAML 1.1 too.
/// JSON has no such words, and policycheck's own files (manifests, policy packs, settings) are read by the core
/// schema. The composer marks the plain words as it reads them; `SourceNode.boolean(_:)` reads them by dialect.
public enum YAMLBooleans: Sendable {
    /// YAML 1.2's core schema: `true` and `false` only.
    case core
    /// YAML 1.1 as go-yaml v2 and CloudFormation read it: the plain words above as well.
    case yaml11

    /// The boolean YAML 1.1 reads a plain word as, for the words the core schema reads as strings; else `nil`.
    public static func yaml11Value(of word: String) -> Bool? {
        switch word {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON": true
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF": false
        default: nil
        }
    }

    /// `yaml11Value(of:)` on bytes, without making a string of texts that cannot be one (most are longer).
    static func isYAML11Word(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...3).contains(bytes.count) else { return false }
        return yaml11Value(of: String(decoding: bytes, as: UTF8.self)) != nil
    }
}
