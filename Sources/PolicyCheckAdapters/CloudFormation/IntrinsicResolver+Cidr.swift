import PolicyCheckNetwork
import PolicyCheckSyntax

/// `!Cidr [ipBlock, count, cidrBits]`: a pure function of its arguments, so the blocks are known whenever they are.
///
/// "The intrinsic function Fn::Cidr returns an array of CIDR address blocks"; `count` is "the number of CIDRs to
/// generate. Valid range is between 1 and 256"; `cidrBits` is "the number of subnet bits for the CIDR. For example,
/// specifying a value "8" for this parameter will create a CIDR with a mask of "/24"" — the host bits of each block,
/// subtracted "from 32 for IPv4 or 128 for IPv6"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html).
/// The blocks are the first `count` consecutive blocks of that size from the start of `ipBlock`
/// (`!Cidr ["192.168.0.0/24", 6, 5]` is `192.168.0.0/27`, `192.168.0.32/27`, …).
///
/// An argument the template does not know (`!GetAtt VPC.Ipv6CidrBlocks`, an IPAM-allocated `CidrBlock`) leaves the
/// blocks unknown; arguments CloudFormation would refuse are unknown with the reason, as other malformed intrinsic
/// functions are.
extension IntrinsicResolver {
    func cidr(_ argument: SourceNode, at offset: Int, depth: Int) -> [TemplateValue] {
        guard let items = argument.items, items.count == 3 else {
            return Self.unknown("!Cidr needs an address block, a count and a number of subnet bits")
        }
        let blocks = resolve(items[0], depth: depth)
        let counts = resolve(items[1], depth: depth)
        let bits = resolve(items[2], depth: depth)
        guard blocks.count * counts.count * bits.count <= Self.maxAlternatives else { return Self.tooManyAlternatives }
        var values: [TemplateValue] = []
        for block in blocks {
            for count in counts {
                for hostBits in bits {
                    values.append(Self.cidr(block: block, count: count, hostBits: hostBits, at: offset))
                }
            }
        }
        return values
    }

    /// One combination of the arguments' values: the list of blocks, or unknown with why.
    static func cidr(block: TemplateValue, count: TemplateValue, hostBits: TemplateValue, at offset: Int) -> TemplateValue {
        guard let blockText = block.scalarText else {
            return .unknown(reason: "the address block of !Cidr: \(block.unknownReason(expected: "a CIDR block"))", text: nil)
        }
        guard let ipBlock = CIDR(blockText) else {
            return .unknown(reason: "the address block of !Cidr, '\(Excerpt.quote(blockText))', is not a CIDR block", text: nil)
        }
        guard let countText = count.scalarText, let number = Int(countText), (1...256).contains(number) else {
            return .unknown(reason: "the count of !Cidr: " + count.unknownReason(expected: "a number from 1 to 256"), text: nil)
        }
        let maxBits = ipBlock.version.bits
        guard let bitsText = hostBits.scalarText, let subnetBits = Int(bitsText), (1...maxBits).contains(subnetBits) else {
            return .unknown(reason: "the subnet bits of !Cidr: " + hostBits.unknownReason(expected: "a number from 1 to \(maxBits)"),
                            text: nil)
        }
        guard let split = ipBlock.split(count: number, hostBits: subnetBits) else {
            return .unknown(reason: "!Cidr cannot make \(number) blocks of /\(maxBits - subnetBits) in \(ipBlock)", text: nil)
        }
        let nodes = split.map { SourceNode(.string($0.description), offset: offset) }
        return .sequence(SourceNode(.sequence(nodes), offset: offset))
    }
}

extension CIDR {
    /// The first `count` consecutive blocks with `hostBits` host bits from the start of this block; `nil` when they
    /// are larger than it or do not fit.
    func split(count: Int, hostBits: Int) -> [CIDR]? {
        let prefix = version.bits - hostBits
        guard count >= 1, prefix >= prefixLength, prefix <= version.bits else { return nil }
        // Blocks of that size the block holds: 2^(prefix - prefixLength); a difference of 8 or more holds 256.
        let room = prefix - prefixLength
        guard room >= 8 || count <= 1 << room else { return nil }
        return (0..<count).compactMap { index in
            let value = network.value + (UInt128(index) << UInt128(hostBits))
            let address = version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
            return CIDR(address, prefixLength: prefix)
        }
    }
}
