/// Heuristics that keep encoded key bytes out of messages.
enum SecretScan {
    /// Whether the text holds a run of 24+ base64/hex alphabet characters (a possible key body).
    static func containsEncodedRun(_ text: String, minimumRun: Int = 24) -> Bool {
        var run = 0
        for byte in text.utf8 {
            let isAlphabet = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2B || byte == 0x2F || byte == 0x3D
            run = isAlphabet ? run + 1 : 0
            if run >= minimumRun { return true }
        }
        return false
    }
}
