/// Parses CIDR text ("10.0.0.0/8", "2001:db8::/32", or a bare address) into a canonical block.
///
/// Rules: surrounding whitespace is an error (the platforms that read allowlists reject it: Mattermost's IP
/// filtering parses entries with Go's `net.ParseCIDR`, https://pkg.go.dev/net#ParseCIDR, as AWS parses CIDR
/// parameters, so a padded entry is refused there rather than trimmed); the address follows `IPAddress.parse` (strict
/// dotted quad, RFC 4291 IPv6, no zone ids); the prefix is one or more ASCII digits with no sign
/// and no leading zero ("/08" is rejected, "/0" is fine), at most 32 or 128. A bare address is a
/// /32 or /128. Host bits are cleared and reported. An IPv4-mapped block ::ffff:a.b.c.d/(96+n)
/// becomes a.b.c.d/n so it is judged as IPv4; mapped text with a prefix under 96 stays IPv6.
public enum CIDRParser {
    /// Parses one CIDR or bare address; the error says in one line what was expected.
    public static func parse(_ text: String) -> Result<ParsedCIDR, CIDRParseError> {
        if let parsed = plainIPv4Block(text) { return .success(parsed) }
        return parseInGeneral(text)
    }

    /// The general parser, which reads every form and explains every error (`parse` tries `plainIPv4Block` first).
    static func parseInGeneral(_ text: String) -> Result<ParsedCIDR, CIDRParseError> {
        let trimmed = trimmingWhitespace(text)
        if trimmed.isEmpty { return .failure(.empty) }
        if trimmed.utf8.count != text.utf8.count { return .failure(.surroundingWhitespace(text)) }

        // Searched for as a byte: a search by `Character` walks grapheme clusters, and cost half the parse.
        let slash = trimmed.utf8.firstIndex(of: UInt8(ascii: "/"))
        let addressText = slash.map { trimmed[..<$0] } ?? trimmed[...]
        if addressText.isEmpty {
            return .failure(.invalidAddress(trimmed, reason: "missing address before '/'"))
        }
        let written: IPAddress
        switch IPAddressParser.parse(addressText) {
        case .success(let address): written = address
        case .failure(let failure): return .failure(.invalidAddress(trimmed, reason: failure.reason))
        }

        let maxPrefix = written.version.bits
        var prefixLength = maxPrefix
        if let slash {
            switch parsePrefix(trimmed[trimmed.index(after: slash)...], max: maxPrefix, input: trimmed) {
            case .success(let value): prefixLength = value
            case .failure(let error): return .failure(error)
            }
        }

        var address = written
        var wasIPv4Mapped = false
        if let unmapped = written.unmappedIPv4, prefixLength >= 96 {
            address = unmapped
            prefixLength -= 96
            wasIPv4Mapped = true
        }
        let cidr = CIDR(address, prefixLength: prefixLength)!
        return .success(ParsedCIDR(
            original: trimmed,
            cidr: cidr,
            address: address,
            hadHostBits: cidr.network != address,
            wasBareAddress: slash == nil,
            wasIPv4Mapped: wasIPv4Mapped
        ))
    }

    /// A well-formed `a.b.c.d` or `a.b.c.d/n` (what almost every allowlist entry is) read in one pass over its
    /// bytes; `nil` for anything else, which `parseInGeneral` then reads or explains. The general path built
    /// substrings and scanned them several times: about 2,900 instructions an entry, 13% of a check of a
    /// 100,000-entry allowlist, whose entries are parsed three times.
    static func plainIPv4Block(_ text: String) -> ParsedCIDR? {
        var text = text
        guard let (value, prefix) = text.withUTF8({ plainIPv4Block(bytes: $0) }) else { return nil }
        let address = IPAddress(ipv4: value)
        let cidr = CIDR(address, prefixLength: prefix ?? 32)!
        return ParsedCIDR(original: text, cidr: cidr, address: address, hadHostBits: cidr.network != address,
                          wasBareAddress: prefix == nil, wasIPv4Mapped: false)
    }

    /// Four octets 0–255 of one to three digits without a leading zero, then optionally `/` and a prefix 0–32 of
    /// one or two digits without a leading zero: the address and the prefix (`nil` when none was written).
    private static func plainIPv4Block(bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int?)? {
        var index = 0
        var value: UInt32 = 0
        for octetIndex in 0..<4 {
            if octetIndex > 0 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            guard let (octet, next) = decimal(bytes, from: index, maxDigits: 3), octet <= 255 else { return nil }
            value = value << 8 | UInt32(octet)
            index = next
        }
        if index == bytes.count { return (value, nil) }
        guard bytes[index] == UInt8(ascii: "/"),
              let (prefix, end) = decimal(bytes, from: index + 1, maxDigits: 2), prefix <= 32, end == bytes.count
        else { return nil }
        return (value, prefix)
    }

    /// One to `maxDigits` ASCII digits at `start`, without a leading zero unless the number is 0, and the index
    /// after them.
    @inline(__always)
    private static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, maxDigits: Int) -> (Int, Int)? {
        var index = start
        var number = 0
        while index < bytes.count, index - start < maxDigits, bytes[index] &- UInt8(ascii: "0") < 10 {
            number = number * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return (number, index)
    }

    private static func parsePrefix(_ text: Substring, max: Int, input: String) -> Result<Int, CIDRParseError> {
        if text.isEmpty {
            return .failure(.invalidPrefix(input, reason: "missing prefix length after '/' (expected 0–\(max))"))
        }
        if text.utf8.contains(UInt8(ascii: "/")) {
            return .failure(.invalidPrefix(input, reason: "expected a single '/' followed by a prefix length 0–\(max)"))
        }
        guard text.unicodeScalars.allSatisfy(IPAddressParser.isDecimalDigit) else {
            return .failure(.invalidPrefix(input, reason:
                "prefix length '\(text)' must be a plain decimal number 0–\(max)"))
        }
        // Only ASCII digits are left: bytes are characters.
        if text.utf8.count > 1 && text.utf8.first == UInt8(ascii: "0") {
            return .failure(.invalidPrefix(input, reason:
                "prefix length '\(text)' has a leading zero (write /\(Int(text) ?? 0))"))
        }
        guard let value = Int(text) else {
            return .failure(.invalidPrefix(input, reason: "prefix length \(text) is out of range 0–\(max)"))
        }
        guard value <= max else {
            return .failure(.prefixOutOfRange(value, max: max, input: input))
        }
        return .success(value)
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        // Most entries start and end with an ASCII character that is not white space (Unicode's White_Space in ASCII
        // is U+0009–U+000D and U+0020): decided on the bytes, without looking up scalar properties.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return text
        }
        let scalars = text.unicodeScalars
        if let first = scalars.first, let last = scalars.last, !first.properties.isWhitespace,
           !last.properties.isWhitespace {
            return text
        }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
