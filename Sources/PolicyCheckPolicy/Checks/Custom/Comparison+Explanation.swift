/// What a comparison expects, in words, for finding messages.
extension Comparison {
    /// "'encryption.algorithm' is 'AES256'; expected it to be 'aws:kms'" (or the negation, under `not`).
    public func explain(_ attribute: Attribute?, negated: Bool) -> String {
        "'\(path)' \(Self.describe(attribute)); expected it \(expectation(negated: negated))"
    }

    /// "is 'AES256'", "is not set", "is unknown (known only after apply)".
    static func describe(_ attribute: Attribute?) -> String {
        guard let attribute else { return "is not set" }
        switch attribute.value {
        case .known(let value): return "is \(value.display)"
        case .unknown(let reason): return "is unknown (\(reason))"
        }
    }

    /// "to be 'aws:kms'", "not to be one of 'a', 'b'", "to be /24 or narrower", …
    public func expectation(negated: Bool) -> String {
        let (positive, negative) = phrases
        return negated ? negative : positive
    }

    private var phrases: (String, String) {
        let shown = operandText
        switch op {
        case .equals: return ("to be \(shown)", "not to be \(shown)")
        case .notEquals: return ("not to be \(shown)", "to be \(shown)")
        case .in: return ("to be one of \(shown)", "not to be one of \(shown)")
        case .notIn: return ("not to be one of \(shown)", "to be one of \(shown)")
        case .exists, .absent:
            let wantsPresent: Bool
            if case .presence(let flag) = operand { wantsPresent = (op == .exists) == flag } else { wantsPresent = true }
            return wantsPresent ? ("to be set", "not to be set") : ("not to be set", "to be set")
        case .matches: return ("to match /\(shown)/", "not to match /\(shown)/")
        case .greaterThan: return ("to be greater than \(shown)", "to be at most \(shown)")
        case .lessThan: return ("to be less than \(shown)", "to be at least \(shown)")
        case .lengthAtMost: return ("to have a length of at most \(shown)", "to have a length greater than \(shown)")
        case .lengthAtLeast: return ("to have a length of at least \(shown)", "to have a length less than \(shown)")
        case .contains: return ("to contain \(shown)", "not to contain \(shown)")
        case .cidrWithin: return ("to lie within \(shown)", "not to lie within \(shown)")
        case .cidrOverlaps: return ("to overlap \(shown)", "not to overlap \(shown)")
        case .prefixAtLeast: return ("to be \(shown) or narrower", "to be broader than \(shown)")
        }
    }

    /// The operand as a message shows it.
    var operandText: String {
        switch operand {
        case .value(let value): return value.display
        case .values(let options):
            // As a list is shown: the first values, and how many there are (each of 10,000 failing entries
            // printed a rule's 10,000 operands).
            let values = options.values
            let more = values.count > AttributeValue.shownItems ? ", … (\(values.count) values)" : ""
            return values.prefix(AttributeValue.shownItems).map(\.display).joined(separator: ", ") + more
        case .presence: return ""
        case .pattern(let pattern): return pattern.source
        case .number(let number): return AttributeValue.format(number)
        case .timestamp(let time): return time.description
        case .count(let count): return String(count)
        case .blocks(let index):
            let blocks = index.blocks
            let more = blocks.count > AttributeValue.shownItems ? " or … (\(blocks.count) blocks)" : ""
            return blocks.prefix(AttributeValue.shownItems).map(\.description).joined(separator: " or ") + more
        case .prefix(let ipv4, let ipv6):
            return [ipv4.map { "/\($0) (IPv4)" }, ipv6.map { "/\($0) (IPv6)" }].compactMap { $0 }.joined(separator: ", ")
        }
    }
}
