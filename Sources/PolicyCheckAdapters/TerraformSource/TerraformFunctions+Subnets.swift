import PolicyCheckNetwork
import PolicyCheckSyntax

/// `cidrsubnets` and `cidrnetmask`, as Terraform computes them.
extension TerraformFunctions {
    static let subnets: [String: Function] = [
        // cidrsubnets(prefix, newbits…): consecutive subnets, each at the next boundary of its size after the one
        // before, as Terraform allocates them (the first after the block "before" the prefix; running out of the
        // prefix, or past the end of the address space, is an error).
        // https://developer.hashicorp.com/terraform/language/functions/cidrsubnets
        "cidrsubnets": { arguments, offset throws(TerraformEvaluationError) in
            let text = try string(arguments, 0, "cidrsubnets", at: offset)
            guard let prefix = decimalOctets(text) else { throw .call("cidrsubnets", "'\(Excerpt.quote(text))' is not a CIDR block", at: offset) }
            let version = prefix.version
            func hostMask(_ length: Int) -> UInt128 { length >= version.bits ? 0 : UInt128.max >> UInt128(128 - (version.bits - length)) }
            func address(_ value: UInt128) -> IPAddress {
                version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
            }
            // The block of the prefix's size just before it (wrapping below zero, as Terraform's does).
            var current = (value: (prefix.network.value &- 1) & version.maxValue & ~hostMask(prefix.prefixLength),
                           length: prefix.prefixLength)
            var results: [TerraformValue] = []
            for index in arguments.indices.dropFirst() {
                let newBits = try wholeNumber(arguments, index, "cidrsubnets", at: offset)
                guard newBits >= 1 else { throw .call("cidrsubnets", "argument \(index + 1): must extend prefix by at least one bit", at: offset) }
                guard newBits <= 32 else { throw .call("cidrsubnets", "argument \(index + 1): may not extend prefix by more than 32 bits", at: offset) }
                let length = prefix.prefixLength + newBits
                guard length <= version.bits else {
                    throw .call("cidrsubnets", "argument \(index + 1): would extend prefix to \(length) bits, which is too long for an \(version) address", at: offset)
                }
                let currentLast = current.value | hostMask(current.length)
                let blockLast = currentLast | hostMask(length)
                let next = (blockLast &+ 1) & version.maxValue
                guard next != 0, prefix.contains(address(next)) else {
                    throw .call("cidrsubnets", "argument \(index + 1): not enough remaining address space for a subnet with a prefix of \(length) bits after \(address(current.value))/\(current.length)", at: offset)
                }
                current = (next, length)
                results.append(.string("\(address(next))/\(length)", at: offset))
            }
            return TerraformValue(.list(results), at: offset)
        },
        // cidrnetmask(prefix): the IPv4 netmask in dotted form.
        "cidrnetmask": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "cidrnetmask", at: offset)
            let text = try string(arguments, 0, "cidrnetmask", at: offset)
            guard let prefix = decimalOctets(text) else { throw .call("cidrnetmask", "'\(Excerpt.quote(text))' is not a CIDR block", at: offset) }
            guard prefix.version == .v4 else { throw .call("cidrnetmask", "IPv6 addresses cannot have a netmask: \(Excerpt.quote(text))", at: offset) }
            let mask = prefix.prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefix.prefixLength)
            return .string("\(IPAddress(ipv4: mask))", at: offset)
        },
    ]

    /// A prefix as Terraform's CIDR functions (`cidrhost`, `cidrnetmask`, `cidrsubnet`, `cidrsubnets`) read it: IPv4
    /// octets and the prefix length with leading zeros are decimal ("a historical accident",
    /// https://developer.hashicorp.com/terraform/language/functions/cidrhost; its parser is Go 1.16's
    /// `net.ParseCIDR`, whose `dtoi` reads any run of decimal digits), where policycheck's parser refuses them.
    static func decimalOctets(_ text: String) -> CIDR? {
        if let block = CIDR(text) { return block }
        guard !text.contains(":"), let slash = text.firstIndex(of: "/") else { return nil }
        func decimal(_ digits: Substring) -> String {
            let trimmed = digits.drop { $0 == "0" }
            return trimmed.isEmpty && !digits.isEmpty ? "0" : String(trimmed)
        }
        let octets = text[..<slash].split(separator: ".", omittingEmptySubsequences: false).map(decimal)
        return CIDR(octets.joined(separator: ".") + "/" + decimal(text[text.index(after: slash)...]))
    }
}
