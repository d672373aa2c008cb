internal import COpenSSL

/// Drains OpenSSL's per-thread error queue into one line of reason text.
enum OpenSSLErrorQueue {
    /// Forgets anything already queued on this thread, so a call starts clean.
    static func clear() {
        ERR_clear_error()
    }

    /// Pops every queued error and returns their reasons, deduplicated, joined with "; ".
    ///
    /// Only OpenSSL's reason strings and short, printable extra data are kept; extra data that
    /// looks like encoded bytes (long base64/hex runs) is dropped so secrets cannot leak.
    static func drain(fallback: String = "unknown OpenSSL error") -> String {
        var reasons: [String] = []
        while true {
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            var text: String
            if let reason = ERR_reason_error_string(code) {
                text = String(cString: reason)
            } else {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            if let data, flags & ERR_TXT_STRING != 0 {
                let extra = String(cString: data)
                if isSafeExtraData(extra) { text += " (\(extra))" }
            }
            if !reasons.contains(text) { reasons.append(text) }
        }
        ERR_clear_error()
        guard !reasons.isEmpty else { return fallback }
        return reasons.prefix(4).joined(separator: "; ")
    }

    /// Extra data is kept only if short, single-line and free of long encoded runs.
    static func isSafeExtraData(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 160 else { return false }
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
        return !SecretScan.containsEncodedRun(text)
    }
}
