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
            TerraformValue(.number((try number(arguments, 0, "ceil", at: offset)).rounded(.up)), at: offset)
        },
        "floor": { arguments, offset throws(TerraformEvaluationError) in
            TerraformValue(.number((try number(arguments, 0, "floor", at: offset)).rounded(.down)), at: offset)
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
            let newBits = Int(try number(arguments, 1, "cidrsubnet", at: offset))
            let netNumber = try number(arguments, 2, "cidrsubnet", at: offset)
            let length = prefix.prefixLength + newBits
            guard newBits >= 0, length <= prefix.version.bits, netNumber >= 0,
                  newBits >= 64 || netNumber < Double(UInt64(1) << UInt64(newBits)) else {
                throw .call("cidrsubnet", "\(newBits) new bits and network number \(TerraformValue.format(netNumber)) do not fit \(prefix)", at: offset)
            }
            let shift = prefix.version.bits - length
            let value = prefix.network.value | (UInt128(netNumber) << UInt128(shift))
            let address = prefix.version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
            return .string("\(address)/\(length)", at: offset)
        },
        // cidrhost(prefix, hostnum): https://developer.hashicorp.com/terraform/language/functions/cidrhost
        "cidrhost": { arguments, offset throws(TerraformEvaluationError) in
            let prefix = try cidr(arguments, "cidrhost", at: offset)
            var host = try number(arguments, 1, "cidrhost", at: offset)
            let hostBits = prefix.hostBitCount
            let size = hostBits >= 100 ? Double.greatestFiniteMagnitude : Double(UInt128(1) << UInt128(hostBits))
            if host < 0 { host += size }
            guard host >= 0, host < size else {
                throw .call("cidrhost", "host number \(TerraformValue.format(host)) does not fit \(prefix)", at: offset)
            }
            let value = prefix.network.value | UInt128(host)
            let address = prefix.version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
            return .string("\(address)", at: offset)
        },
    ]

    private static func cidr(_ arguments: [TerraformValue], _ name: String, at offset: Int) throws(TerraformEvaluationError) -> CIDR {
        let text = try string(arguments, 0, name, at: offset)
        guard let block = CIDR(text) else { throw .call(name, "'\(text)' is not a CIDR block", at: offset) }
        return block
    }
}
