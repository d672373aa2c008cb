/// How much of an input must be key material: which broken PEM blocks are errors, and which are PEM headers that
/// merely appear in something else (prose, binary data) and begin no key.
public enum KeyScanMode: Sendable, Equatable {
    /// Everything must be key material: any broken block is an error (the `keys` commands, BYOK material, values
    /// that carry a PEM header).
    case strict
    /// A file whose name says it holds keys (`.pem`, `.key`, `id_rsa`, …): a broken block is an error when its BEGIN
    /// line starts a line of a text file, as OpenSSL and OpenSSH read them. A header inside a line, or anywhere in
    /// binary data (a file with a NUL byte), begins no block: it is ignored and explained.
    case keyFile
    /// A file found by what it holds, or named like opaque data (`.bin`): nothing is an error; headers that begin no
    /// key are ignored and explained.
    case found
}

/// What reading an input as key material found (`KeyInspection.scan`): the key objects, or why the input is broken
/// key material (an error, located) or is not key material (explained). Never any key bytes.
public struct KeyScan: Sendable {
    /// Every key, certificate or key-material block recognised, in order.
    public var objects: [KeyObject] = []
    /// `.notKeyMaterial` when nothing was recognised, or why the input is broken key material.
    public var failure: KeyMaterialError?
    /// Where a broken input breaks: the byte offset of the first byte that is not base64 in a PEM body, else of the
    /// broken block's BEGIN line (0 for a DER or raw input).
    public var failureOffset: Int?
    /// PEM headers that began no key (prose, binary data, broken blocks where they are not errors), in order.
    public var ignored: [IgnoredPEMHeader] = []
    /// OpenSSL's consistency checks, when the input was verified (`KeyVerifier.scan`).
    public var verification: KeyVerificationReport?

    public init() {}
}

/// A PEM header that began no key, and why — for the reason a file is skipped.
public struct IgnoredPEMHeader: Sendable, Equatable {
    /// Byte offset of `-----BEGIN`.
    public var offset: Int
    /// The label, e.g. `CERTIFICATE` (a placeholder when not printable).
    public var label: String
    /// Why it is not a key, e.g. "its body is not valid base64"; one line, never key bytes.
    public var reason: String
}
