/// The values of an `in`/`notIn` operand, indexed so membership under `Comparison.equal` is a set lookup: a rule
/// with `in: [10,000 values]` compared each of 10,000 resources with every value.
public struct OperandValues: Sendable {
    /// The values as written, in order (for messages).
    public let values: [AttributeValue]
    private let strings: Set<String>
    /// The numbers written as numbers: a string attribute equals one when it reads as that number.
    private let numbers: Set<Double>
    /// The numbers written as numbers or as strings that read as one: what a number attribute may equal.
    private let numbersForNumbers: Set<Double>
    private let bools: Set<Bool>
    /// Lists and mappings, compared one by one (operands are scalars, so this stays empty in practice).
    private let others: [AttributeValue]

    public init(_ values: [AttributeValue]) {
        self.values = values
        var strings: Set<String> = [], numbers: Set<Double> = [], numbersForNumbers: Set<Double> = []
        var bools: Set<Bool> = [], others: [AttributeValue] = []
        for value in values {
            switch value {
            case .string(let text):
                strings.insert(text)
                if let number = Double(text) { numbersForNumbers.insert(number) }
            case .number(let number):
                numbers.insert(number)
                numbersForNumbers.insert(number)
            case .bool(let flag): bools.insert(flag)
            case .list, .mapping: others.append(value)
            }
        }
        self.strings = strings
        self.numbers = numbers
        self.numbersForNumbers = numbersForNumbers
        self.bools = bools
        self.others = others
    }

    /// Whether some value equals `value` (`values.contains { Comparison.equal(value, $0) }`).
    public func contains(_ value: AttributeValue) -> Bool {
        switch value {
        case .string(let text): return strings.contains(text) || Double(text).map(numbers.contains) ?? false
        case .number(let number): return numbersForNumbers.contains(number)
        case .bool(let flag): return bools.contains(flag)
        case .list, .mapping: return others.contains { Comparison.equal(value, $0) }
        }
    }
}
