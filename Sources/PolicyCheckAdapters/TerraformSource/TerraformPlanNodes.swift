import PolicyCheckSyntax

/// Evaluated values as the nodes of a plan document: the value for `after` and its mirror for `after_unknown`.
enum TerraformPlanNodes {
    /// The `after` node (`nil` when unknown) and the `after_unknown` mirror (`nil` when nothing inside is unknown).
    /// Inside what an unknown text encodes (`inDocument`), an unknown resource ARN's mirror says whose ARN it is and
    /// the text after it (`arnOf`, `arnSuffix`), for the bucket policy's judge; elsewhere every unknown's mirror is
    /// `true` or a reason, as a plan's.
    static func split(_ value: TerraformValue, inDocument: Bool = false) -> (after: SourceNode?, unknown: SourceNode?) {
        let at = value.offset
        switch value.kind {
        case .unknown(let reason):
            if let document = value.encodedDocument {
                // The mirror of an unknown text that encodes a known shape: the shape, split as any value is.
                let (after, unknown) = split(document.value, inDocument: true)
                var members: [(String, SourceNode)] = [(encodedAfter, after ?? SourceNode(.null, offset: at))]
                if let unknown { members.append((encodedUnknown, unknown)) }
                if let stated = statedReason(reason) { members.append((encodedReason, SourceNode(.string(stated), offset: at))) }
                return (nil, object(members, at: at))
            }
            if inDocument, let form = value.arnForm {
                return (nil, object([(arnOf, string(form.address, at: at)), (arnSuffix, string(form.suffix, at: at))], at: at))
            }
            return (nil, SourceNode(statedReason(reason).map { .string($0) } ?? .bool(true), offset: at))
        case .resource:
            return (nil, SourceNode(.bool(true), offset: at))
        case .null: return (SourceNode(.null, offset: at), nil)
        case .bool(let flag): return (SourceNode(.bool(flag), offset: at), nil)
        case .number(let number): return (SourceNode(.number(TerraformValue.format(number)), offset: at), nil)
        case .string(let text): return (SourceNode(.string(text), offset: at), nil)
        case .list(let items):
            var known: [SourceNode] = []
            var mirror: [SourceNode] = []
            var anyUnknown = false
            for item in items {
                let (after, unknown) = split(item, inDocument: inDocument)
                known.append(after ?? SourceNode(.null, offset: item.offset))
                mirror.append(unknown ?? SourceNode(.bool(false), offset: item.offset))
                anyUnknown = anyUnknown || unknown != nil
            }
            return (SourceNode(.sequence(known), offset: at), anyUnknown ? SourceNode(.sequence(mirror), offset: at) : nil)
        case .object:
            let (known, mirror) = entries(value.sortedMembers!, inDocument: inDocument)
            return (SourceNode(.mapping(known), offset: at), mirror.isEmpty ? nil : SourceNode(.mapping(mirror), offset: at))
        }
    }

    /// The keys of an unknown JSON text's mirror that hold what it encodes (`TerraformValue.encodedDocument`): its
    /// known parts, their own mirror, and the reason, when it is not apply.
    static let encodedAfter = "policycheck_encoded_after"
    static let encodedUnknown = "policycheck_encoded_after_unknown"
    static let encodedReason = "policycheck_unknown_reason"
    /// The keys of an unknown resource ARN's mirror inside what an unknown text encodes.
    static let arnOf = "policycheck_arn_of"
    static let arnSuffix = "policycheck_arn_suffix"

    /// The reason an unknown value's mirror states, when it is not apply: a plan's `true` reads as "known only after
    /// apply (it comes from REFERENCE)", naming the expression's first reference, which is wrong for a function
    /// policycheck does not evaluate, a variable with no value here (`local.is_replica ? null : var.engine` named
    /// the known local), a module source not read or an instance standing for unknown ones. A value the provider
    /// computes, or a data source reads, keeps `true`, so source and plan word it alike (naming the configuration's
    /// reference, `data.aws_iam_policy_document.key.json`).
    static func statedReason(_ reason: String) -> String? {
        reason.contains("known only after apply") || reason.contains("read when Terraform plans") ? nil : reason
    }

    /// Members as `after` entries (unknown ones left out) and `after_unknown` entries (only the unknown ones).
    static func entries(_ members: [(key: String, value: TerraformValue)],
                        inDocument: Bool = false) -> (known: [SourceEntry], unknown: [SourceEntry]) {
        var known: [SourceEntry] = []
        var mirror: [SourceEntry] = []
        for (key, value) in members {
            let (after, unknown) = split(value, inDocument: inDocument)
            if let after { known.append(SourceEntry(key: key, keyOffset: value.offset, value: after)) }
            if let unknown { mirror.append(SourceEntry(key: key, keyOffset: value.offset, value: unknown)) }
        }
        return (known, mirror)
    }

    static func string(_ text: String, at offset: Int) -> SourceNode { SourceNode(.string(text), offset: offset) }

    static func object(_ members: [(String, SourceNode)], at offset: Int) -> SourceNode {
        SourceNode(.mapping(members.map { SourceEntry(key: $0.0, keyOffset: $0.1.offset, value: $0.1) }), offset: offset)
    }
}
