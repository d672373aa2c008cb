import PolicyCheckNetwork

/// Numeric and network functions.
extension TerraformFunctions {
    static let numbers: [String: Function] = [
        "min": { arguments, offset throws(TerraformEvaluationError) in
            try extreme(arguments, "min", at: offset, by: <)
        },
        "max": { arguments, offset throws(TerraformEvaluationError) in
            try extreme(arguments, "max", at: offset, by: >)
        },
        "abs": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.number(abs(try number(arguments, 0, "abs", at: offset))), at: offset)
        },
        "ceil": { arguments, offset throws(TerraformEvaluationError) in
            // + 0: Terraform's result is a whole number converted from an integer, never negative zero (ceil(-0.5) is 0).
            TerraformValue(.number((try number(arguments, 0, "ceil", at: offset)).rounded(.up) + 0), at: offset)
        },
        "floor": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.number((try number(arguments, 0, "floor", at: offset)).rounded(.down) + 0), at: offset)
        },
    ]

    private static func extreme(_ arguments: [TerraformValue], _ name: String, at offset: Int,
                                by better: (Double, Double) -> Bool) throws(TerraformEvaluationError) -> TerraformValue {
        guard !arguments.isEmpty else { throw .call(name, "expects at least one argument", at: offset) }
        var best = try number(arguments, 0, name, at: offset)
        for index in arguments.indices.dropFirst() {
            let candidate = try number(arguments, index, name, at: offset)
            if better(candidate, best) { best = candidate }
        }
        return TerraformValue(.number(best), at: offset)
    }

    static let network: [String: Function] = [
        // cidrsubnet(prefix, newbits, netnum): https://developer.hashicorp.com/terraform/language/functions/cidrsubnet
        "cidrsubnet": { arguments, offset throws(TerraformEvaluationError) in
            let prefix = try cidr(arguments, "cidrsubnet", at: offset)
            let newBits = try TerraformNumber.int(try number(arguments, 1, "cidrsubnet", at: offset), "cidrsubnet", argument: 2, at: offset)
            let netNumber = try number(arguments, 2, "cidrsubnet", at: offset)
            guard newBits >= 0, newBits <= prefix.version.bits - prefix.prefixLength else {
                throw .call("cidrsubnet", "insufficient address space to extend prefix of \(prefix.prefixLength) by \(newBits)", at: offset)
            }
            // Exact: a 64-bit value below 2^128 converts to UInt128 without loss.
            let limit = newBits == 128 ? UInt128.max : (UInt128(1) << UInt128(newBits)) - 1
            guard let net = UInt128(exactly: netNumber), net <= limit else {
                throw .call("cidrsubnet", "prefix extension of \(newBits) does not accommodate a subnet numbered \(TerraformValue.format(netNumber))", at: offset)
            }
            let length = prefix.prefixLength + newBits
            let shift = prefix.version.bits - length
            let value = prefix.network.value | (shift >= 128 ? 0 : net << UInt128(shift))
            let address = prefix.version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
            return .string("\(address)/\(length)", at: offset)
        },
        // cidrhost(prefix, hostnum): a negative host number counts from the end of the range.
        // https://developer.hashicorp.com/terraform/language/functions/cidrhost
        "cidrhost": { arguments, offset throws(TerraformEvaluationError) in
            let prefix = try cidr(arguments, "cidrhost", at: offset)
            let host = try number(arguments, 1, "cidrhost", at: offset)
            let hostBits = prefix.hostBitCount
            let last = hostBits >= 128 ? UInt128.max : (UInt128(1) << UInt128(hostBits)) - 1
            // Exact: a whole 64-bit value of magnitude up to 2^128 converts to UInt128 (2^128 itself only as -2^128).
            let magnitude = host.magnitude
            let index: UInt128?
            if host >= 0 {
                index = UInt128(exactly: magnitude).flatMap { $0 <= last ? $0 : nil }
            } else if magnitude == 0x1p128 {
                index = hostBits >= 128 ? 0 : nil
            } else {
                // -n is host number last + 1 - n.
                index = UInt128(exactly: magnitude).flatMap { $0 - 1 <= last ? last - ($0 - 1) : nil }
            }
            guard let index else {
                throw .call("cidrhost", "prefix of \(prefix.prefixLength) does not accommodate a host numbered \(TerraformValue.format(host))", at: offset)
            }
            let value = prefix.network.value | index
            let address = prefix.version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
            return .string("\(address)", at: offset)
        },
    ]

    private static func cidr(_ arguments: [TerraformValue], _ name: String, at offset: Int) throws(TerraformEvaluationError) -> CIDR {
        let text = try string(arguments, 0, name, at: offset)
        guard let block = decimalOctets(text) else { throw .call(name, "'\(text)' is not a CIDR block", at: offset) }
        return block
    }
}
