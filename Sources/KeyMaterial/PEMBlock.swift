/// One `-----BEGIN label-----` … `-----END label-----` block, located by offsets.
struct PEMBlock {
    /// The label between `BEGIN ` and the closing dashes, e.g. `PRIVATE KEY`.
    var label: String
    /// Whether RFC 1421 headers declare `Proc-Type: 4,ENCRYPTED` (legacy OpenSSL encryption).
    var hasEncryptedHeader: Bool
    /// Offset of `-----BEGIN`.
    var beginOffset: Int
    /// Whether `-----BEGIN` starts a line, as OpenSSL's and OpenSSH's readers require; a header inside a line of
    /// prose is a mention, not a block.
    var startsLine: Bool
    /// Offset of the first base64 body byte (after any headers).
    var bodyStart: Int
    /// Offset of the `-----END` line.
    var bodyEnd: Int
    /// Set when the block is unterminated or its END label differs.
    var framingError: String?
}
