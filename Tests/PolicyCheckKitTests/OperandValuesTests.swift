@testable import PolicyCheckPolicy
import Testing

/// `in`/`notIn` operands answer membership from an index: it must agree with comparing the value to each operand in
/// turn, including numbers written as text, case, and values no operand can equal.
@Suite struct OperandValuesTests {
    static let operands: [[AttributeValue]] = [
        [.string("1"), .number(1000), .string("abc"), .number(0), .bool(true)],
        [.string("ABC"), .string("-0"), .string("1e3"), .string(" 7"), .string("nan"), .number(2.5)],
        [.bool(false), .string("true"), .number(-3)],
    ]

    static let probes: [AttributeValue] = [
        .string("1"), .string("1.0"), .string("01"), .string("abc"), .string("ABC"), .string("Abc"), .string("-0"),
        .string("0"), .string("1000"), .string("1e3"), .string("7"), .string(" 7"), .string("nan"), .string("true"),
        .string(""), .string("2.50"), .number(1), .number(1000), .number(0), .number(-0.0), .number(7), .number(2.5),
        .number(-3), .number(.nan), .bool(true), .bool(false), .list([.string("1")]), .list([]), .mapping,
    ]

    @Test(arguments: operands)
    func membershipIsWhatComparingEachOperandGave(_ operands: [AttributeValue]) {
        let indexed = OperandValues(operands)
        var found = 0
        for probe in Self.probes {
            let scanned = operands.contains { Comparison.equal(probe, $0) }
            #expect(indexed.contains(probe) == scanned, "\(probe) in \(operands)")
            found += scanned ? 1 : 0
        }
        #expect(found > 0 && found < Self.probes.count)
        #expect(indexed.values == operands)
    }
}
