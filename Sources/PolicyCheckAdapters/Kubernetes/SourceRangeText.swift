import PolicyCheckModel

/// A Service source range (`spec.loadBalancerSourceRanges`, or an item of the `load-balancer-source-ranges`
/// annotation) as Kubernetes reads it, so a range Kubernetes takes for `0.0.0.0/0` is judged as that.
///
/// API validation trims each range ("due to a historical accident around transition from the annotation value,
/// these values are allowed to be space-padded", `ValidateService` in kubernetes `pkg/apis/core/validation`) and
/// accepts leading zeros (`IsValidCIDR` parses with k8s.io/utils/net `ParseCIDRSloppy`); the cloud provider's
/// `GetLoadBalancerSourceRanges` then reads them with `ParseIPNets`, which does `strings.TrimSpace` and
/// `ParseCIDRSloppy`: Go 1.16's `ParseCIDR`, whose octets and prefix are decimal with any leading zeros
/// (`000.000.000.000/0` is `0.0.0.0/0`, `010.0.0.0/08` is `10.0.0.0/8`). So the range is trimmed of Unicode white
/// space (Go's `unicode.IsSpace`) and an IPv4 block spelt with leading zeros is rewritten without them; any other
/// text is left for the CIDR rules to judge.
enum SourceRangeText {
    static func asKubernetesReads(_ range: Located<String>) -> Located<String> {
        let trimmed = trimmingSpace(range.value)
        return Located(sloppyIPv4Block(trimmed) ?? trimmed, at: range.origin)
    }

    /// Go's `strings.TrimSpace`.
    static func trimmingSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// `a.b.c.d/n` with decimal octets 0–255 and prefix 0–32, leading zeros allowed, written canonically; `nil` for
    /// any other text (a bare address, IPv6, a stray character), which `ParseCIDRSloppy` reads as the strict parser does
    /// or refuses.
    static func sloppyIPv4Block(_ text: String) -> String? {
        let halves = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let octets = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var values: [Int] = []
        for octet in octets {
            guard let value = decimal(octet), value <= 255 else { return nil }
            values.append(value)
        }
        guard let prefix = decimal(halves[1]), prefix <= 32 else { return nil }
        return values.map(String.init).joined(separator: ".") + "/\(prefix)"
    }

    /// ASCII digits only (Go's `dtoi`), at least one, read as decimal whatever their leading zeros.
    private static func decimal(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let significant = text.drop { $0 == "0" }
        guard significant.count <= 6 else { return nil }
        return significant.isEmpty ? 0 : Int(significant)
    }
}
