/// The credentials a URL in a message may carry, left out wherever a diagnostic names one: user information
/// (`https://user:token@host/…`, `git::https://deploy:ghp_…@github.com/…`, Terraform's documented way into a
/// private repository, https://developer.hashicorp.com/terraform/language/modules/sources#generic-git-repository),
/// and the values of query parameters other than a few that only say which version is meant (an S3 module
/// source's `aws_access_key_secret`, https://developer.hashicorp.com/terraform/language/modules/sources#s3-bucket;
/// a presigned template URL's `X-Amz-Signature` and `X-Amz-Credential`,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html; an `access_token`).
public enum URLCredentials {
    /// Query parameters whose value is kept: a revision, version or archive format, never a secret.
    static let shownParameters: Set<String> = ["ref", "depth", "archive", "version", "versionid", "rev", "revision",
                                               "branch", "tag", "checksum", "filename"]
    static let withheld = "(not shown)"
    private static let placeholder = Array(withheld.utf8)

    /// `text` with every URL's user information dropped and its other query values withheld.
    public static func withheld(in text: String) -> String {
        // Most messages name no URL: they are passed on without copying their bytes.
        guard mayHoldURL(text) else { return text }
        let bytes = Array(text.utf8)
        guard let first = schemeSeparator(in: bytes, from: 0) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        var separator: Int? = first
        while let at = separator {
            let authorityStart = at + 3
            result += bytes[cursor..<authorityStart]
            var end = authorityStart
            while end < bytes.count, !isURLEnd(bytes[end]) {
                // A value withheld already is passed over whole (its space ends no URL): withholding twice changes
                // nothing.
                if bytes[end...].starts(with: placeholder) { end += placeholder.count } else { end += 1 }
            }
            // Punctuation closing the sentence around the URL is the message's, as in prose.
            while end > authorityStart, isTrailingPunctuation(bytes[end - 1]),
                  !(end - authorityStart >= placeholder.count
                      && bytes[(end - placeholder.count)..<end].elementsEqual(placeholder)) {
                end -= 1
            }
            result += cleaned(bytes[authorityStart..<end])
            cursor = end
            separator = schemeSeparator(in: bytes, from: end)
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The rest of one URL after `://`: without user information, its query values withheld.
    private static func cleaned(_ url: ArraySlice<UInt8>) -> [UInt8] {
        var rest = Array(url)
        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? rest.count
        if let at = rest[..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { rest.removeSubrange(...at) }
        guard let question = rest.firstIndex(of: UInt8(ascii: "?")) else { return rest }
        let fragment = rest[question...].firstIndex(of: UInt8(ascii: "#")) ?? rest.count
        var query: [UInt8] = []
        for (index, parameter) in rest[(question + 1)..<fragment].split(separator: UInt8(ascii: "&"),
                                                                          omittingEmptySubsequences: false).enumerated() {
            if index > 0 { query.append(UInt8(ascii: "&")) }
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else {
                query += parameter
                continue
            }
            let name = String(decoding: parameter[..<equals], as: UTF8.self).lowercased()
            query += parameter[...equals]
            if shownParameters.contains(name) { query += parameter[(equals + 1)...] } else { query += withheld.utf8 }
        }
        return Array(rest[...question]) + query + Array(rest[fragment...])
    }

    /// Whether `://` occurs in the text.
    private static func mayHoldURL(_ text: String) -> Bool {
        var matched = 0
        for byte in text.utf8 {
            switch (matched, byte) {
            case (_, UInt8(ascii: ":")): matched = 1
            case (1, UInt8(ascii: "/")): matched = 2
            case (2, UInt8(ascii: "/")): return true
            default: matched = 0
            }
        }
        return false
    }

    /// The next `://` at or after `from`.
    private static func schemeSeparator(in bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: ":")
    }

    /// Where a URL written in a message ends: white space, or a quote or bracket around it.
    private static func isURLEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }
}
