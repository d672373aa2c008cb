/// Strict address parser that explains, in one line, why text is not an address.
///
/// IPv4: exactly four dot-separated decimal octets 0–255, no leading zeros
/// ("010" is rejected because other parsers read it as octal), no hex, no shorthand.
/// IPv6: the RFC 4291 §2.2 text forms — eight groups of 1–4 hex digits, at most one
/// "::", optionally ending in an embedded dotted quad; zone identifiers are rejected.
enum IPAddressParser {
    /// Why a text is not an address; `reason` is one line and names what was expected.
    struct Failure: Error, Sendable, Hashable {
        var reason: String
    }

    static func parse(_ text: Substring) -> Result<IPAddress, Failure> {
        if let value = plainIPv4(text.utf8) { return .success(IPAddress(ipv4: value)) }
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { return .failure(Failure(reason: "the address is empty")) }
        if scalars.contains(":") {
            return parseIPv6(scalars[...]).map { IPAddress(ipv6: $0) }
        }
        return parseIPv4(scalars[...]).map { IPAddress(ipv4: $0) }
    }

    // MARK: IPv4

    /// A well-formed dotted quad read straight from its bytes (the common case, with no arrays or strings built);
    /// `nil` for anything else, which the full parser then reads or explains.
    static func plainIPv4(_ utf8: Substring.UTF8View) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        var leadingZero = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && leadingZero { return nil }
                if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
                digits += 1
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                if digits > 3 || octet > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            default:
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    static func parseIPv4(_ scalars: ArraySlice<Unicode.Scalar>) -> Result<UInt32, Failure> {
        if let bad = scalars.first(where: { !isDecimalDigit($0) && $0 != "." }) {
            return .failure(Failure(reason:
                "unexpected character '\(displayed(bad))' (expected an IPv4 dotted quad such as 192.0.2.1 or an IPv6 address)"))
        }
        let parts = scalars.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            return .failure(Failure(reason:
                "expected 4 dot-separated octets, found \(parts.count)"))
        }
        var value: UInt32 = 0
        for part in parts {
            switch parseOctet(part) {
            case .success(let octet): value = value << 8 | UInt32(octet)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(value)
    }

    private static func parseOctet(_ part: ArraySlice<Unicode.Scalar>) -> Result<UInt8, Failure> {
        let text = String(String.UnicodeScalarView(part))
        if part.isEmpty {
            return .failure(Failure(reason: "empty octet (expected 4 octets 0–255 separated by single dots)"))
        }
        if part.count > 1 && part.first == "0" {
            return .failure(Failure(reason:
                "octet '\(text)' has a leading zero (write it without leading zeros; octal forms are not accepted)"))
        }
        if part.count > 3 {
            return .failure(Failure(reason: "octet \(text) is out of range 0–255"))
        }
        var value = 0
        for scalar in part { value = value * 10 + Int(scalar.value - 48) }
        guard value <= 255 else {
            return .failure(Failure(reason: "octet \(value) is out of range 0–255"))
        }
        return .success(UInt8(value))
    }

    // MARK: IPv6

    static func parseIPv6(_ scalars: ArraySlice<Unicode.Scalar>) -> Result<UInt128, Failure> {
        if let percent = scalars.firstIndex(of: "%") {
            let zone = String(String.UnicodeScalarView(scalars[percent...]))
            return .failure(Failure(reason:
                "zone identifier '\(displayed(zone))' is not allowed (expected a plain IPv6 address)"))
        }
        if let colon = scalars.firstIndex(of: ":"), !scalars[(colon + 1)...].contains(":"),
           case .success = parseIPv4(scalars[..<colon]) {
            let port = String(String.UnicodeScalarView(scalars[colon...]))
            return .failure(Failure(reason:
                "port '\(displayed(port))' is not allowed after an IPv4 address (expected a plain address)"))
        }
        if let bad = scalars.first(where: { !isHexDigit($0) && $0 != ":" && $0 != "." }) {
            return .failure(Failure(reason:
                "unexpected character '\(displayed(bad))' in IPv6 address (expected hex groups separated by ':')"))
        }
        let text = Array(scalars)
        var compressionIndices: [Int] = []
        var index = 0
        while index + 1 < text.count {
            if text[index] == ":" && text[index + 1] == ":" {
                if index + 2 < text.count && text[index + 2] == ":" {
                    return .failure(Failure(reason: "':::' is not valid (expected at most two consecutive ':')"))
                }
                compressionIndices.append(index)
                index += 2
            } else {
                index += 1
            }
        }
        if compressionIndices.count > 1 {
            return .failure(Failure(reason: "'::' may appear only once in an IPv6 address"))
        }

        let head: [ArraySlice<Unicode.Scalar>]
        let tail: [ArraySlice<Unicode.Scalar>]
        if let compression = compressionIndices.first {
            head = splitGroups(text[..<compression])
            tail = splitGroups(text[(compression + 2)...])
        } else {
            head = splitGroups(text[...])
            tail = []
        }
        let explicit = head + tail
        if explicit.contains(where: \.isEmpty) {
            return .failure(Failure(reason:
                "empty group (a single ':' cannot start or end an address, and groups need 1–4 hex digits)"))
        }

        var words: [UInt16] = []
        var headWords = 0
        for (position, group) in explicit.enumerated() {
            if group.contains(".") {
                let endsAddress = position == explicit.count - 1 && (compressionIndices.isEmpty || !tail.isEmpty)
                guard endsAddress else {
                    return .failure(Failure(reason: "an embedded IPv4 address may only appear as the last part"))
                }
                switch parseIPv4(group) {
                case .success(let v4):
                    words.append(UInt16(truncatingIfNeeded: v4 >> 16))
                    words.append(UInt16(truncatingIfNeeded: v4))
                case .failure(let failure):
                    return .failure(Failure(reason: "embedded IPv4 address: \(failure.reason)"))
                }
            } else {
                guard group.count <= 4 else {
                    let written = String(String.UnicodeScalarView(group))
                    return .failure(Failure(reason: "group '\(written)' has more than 4 hex digits"))
                }
                var word: UInt16 = 0
                for scalar in group { word = word << 4 | UInt16(hexValue(scalar)) }
                words.append(word)
            }
            if position == head.count - 1 { headWords = words.count }
        }

        if compressionIndices.isEmpty {
            guard words.count == 8 else {
                return .failure(Failure(reason: "expected 8 groups of 16 bits, found \(words.count)"))
            }
        } else {
            guard words.count <= 7 else {
                return .failure(Failure(reason:
                    "too many groups around '::' (found \(words.count); '::' stands for at least one zero group)"))
            }
            let zeros = [UInt16](repeating: 0, count: 8 - words.count)
            words = Array(words[..<headWords]) + zeros + Array(words[headWords...])
        }
        var value: UInt128 = 0
        for word in words { value = value << 16 | UInt128(word) }
        return .success(value)
    }

    private static func splitGroups(_ scalars: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        scalars.isEmpty ? [] : scalars.split(separator: ":", omittingEmptySubsequences: false)
    }

    // MARK: Characters

    static func isDecimalDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }

    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        isDecimalDigit(scalar) || (scalar >= "a" && scalar <= "f") || (scalar >= "A" && scalar <= "F")
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        default: scalar.value - 55
        }
    }

    /// Text safe to embed in a one-line message: control characters become \u{…} escapes.
    static func displayed(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\t": "\\t"
        case "\r": "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator {
                "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                String(scalar)
            }
        }
    }

    /// `displayed(_:)` applied to every scalar of a string.
    static func displayed(_ text: String) -> String {
        text.unicodeScalars.map { displayed($0) }.joined()
    }
}
