/// Terraform's numbers are arbitrary precision (go-cty holds them as big floats,
/// https://github.com/zclconf/go-cty/blob/main/docs/types.md, "Number"); policycheck's are 64-bit floating point,
/// exact for every whole number up to 2^53 and for some beyond. A number or a sum past that which the 64-bit value
/// cannot hold exactly is unknown — cannot verify — never the nearby number Terraform would not compute.
enum TerraformNumber {
    /// 2^53: every whole number of this size or smaller is exact.
    static let exactLimit = 9_007_199_254_740_992.0

    /// A number literal's value, or nil when it is a whole number the 64-bit value does not hold exactly (`2^128-1`
    /// written out, `1e30`), a fraction it does not tell from a nearby one (`0.10000000000000001` is `0.1` in 64
    /// bits, not to Terraform), or past the 64-bit range.
    static func literal(_ text: String) -> Double? {
        guard let value = Double(text) else { return nil }
        guard value.isFinite, !underflows(text, to: value) else { return nil }
        if let whole = wholeDigits(ofLiteral: String(text.drop { $0 == "-" || $0 == "+" })) {
            return abs(value) < exactLimit || whole == digits(of: value) ? value : nil
        }
        return decimalText(ofLiteral: text) == TerraformValue.format(value) ? value : nil
    }

    /// A fraction literal written out without an exponent and without needless zeros (`-1.50e-1` is "-0.15").
    private static func decimalText(ofLiteral text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = text.drop { $0 == "-" || $0 == "+" }.lowercased()
        let parts = unsigned.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let pieces = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = String(pieces[0]) + (pieces.count == 2 ? String(pieces[1]) : "")
        let point = pieces[0].count + exponent
        var whole: String, fraction: String
        if point <= 0 {
            (whole, fraction) = ("", String(repeating: "0", count: -point) + digits)
        } else if point >= digits.count {
            (whole, fraction) = (digits + String(repeating: "0", count: point - digits.count), "")
        } else {
            (whole, fraction) = (String(digits.prefix(point)), String(digits.dropFirst(point)))
        }
        whole = String(whole.drop { $0 == "0" })
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + (whole.isEmpty ? "0" : whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Whether a number's 64-bit value is exactly the decimal policycheck prints for it: every whole number, and
    /// fractions such as 0.5 or 0.375 — not 0.1, whose 64-bit value is 0.1000000000000000055…, nor 2^-60, printed
    /// as 19 digits of its 60. Arithmetic on such numbers is Terraform's when the 64-bit result is exact too.
    static func isDecimalExact(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        guard value.rounded() != value else { return true }
        var scaled = value, binaryPlaces = 0
        while scaled.rounded() != scaled {
            scaled *= 2
            binaryPlaces += 1
        }
        // m / 2^k has exactly k decimal places, the last a 5.
        let printed = TerraformValue.format(value)
        let places = printed.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        return places == binaryPlaces
    }

    /// Whether a literal of nonzero digits reads as zero (`1e-400`: past the 64-bit range's smallest magnitude).
    private static func underflows(_ text: String, to value: Double) -> Bool {
        guard value == 0 else { return false }
        let mantissa = text.lowercased().prefix { $0 != "e" }
        return mantissa.contains { $0 >= "1" && $0 <= "9" }
    }

    /// Why a number (`what`: "the number 1e400", "the string \"1e400\" converted to a number") is unknown: past the
    /// 64-bit range (above about 1.8e308 or below about 4.9e-324 in magnitude — Terraform's big floats hold it), or
    /// a whole number the 64-bit value does not hold exactly.
    static func unheldReason(_ what: String, text: String) -> String {
        let value = Double(text.trimmingCharacters(in: .whitespaces))
        if value.map({ !$0.isFinite || underflows(text.trimmingCharacters(in: .whitespaces), to: $0) }) ?? false {
            return "it uses \(what), which is out of the range policycheck's 64-bit numbers can represent, about 1.8e308 down to 4.9e-324 in magnitude (Terraform's are arbitrary precision)"
        }
        return "it uses \(what), which policycheck's 64-bit numbers do not hold exactly (Terraform's are arbitrary precision)"
    }

    /// The digits of a whole number written as a literal (`1.5e3` is "1500"); nil when it has a fraction.
    static func wholeDigits(ofLiteral text: String) -> String? {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissa = parts.first, let exponent = parts.count == 2 ? Int(parts[1]) : 0 else { return nil }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(pieces[0]), fraction = pieces.count == 2 ? String(pieces[1]) : ""
        var digits = whole + fraction
        let point = whole.count + exponent
        guard point >= 0 else { return nil }
        if point >= digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        } else {
            guard digits.dropFirst(point).allSatisfy({ $0 == "0" }) else { return nil }
            digits = String(digits.prefix(point))
        }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    /// The exact decimal digits of a whole, finite number's magnitude (a 64-bit value is `m × 2^e`).
    static func digits(of value: Double) -> String {
        let magnitude = abs(value)
        guard magnitude >= 1 else { return "0" }
        if magnitude < 1e18 { return String(UInt64(magnitude)) }
        var digits = Array(String(magnitude.significandBitPattern | (1 << 52)).utf8).map { $0 - 48 } // most significant first
        for _ in 0..<(Int(magnitude.exponent) - 52) {
            var carry: UInt8 = 0
            for index in digits.indices.reversed() {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.insert(carry, at: 0) }
        }
        return String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }

    /// A whole number as Terraform prints it: every digit (`1152921504606846976`, not `1.152921504606847e+18`).
    static func wholeText(_ value: Double) -> String {
        (value < 0 ? "-" : "") + digits(of: value)
    }

    /// A fraction as Terraform prints it, without an exponent (`0.0000001`, not Swift's `1e-07`): the shortest
    /// digits Swift gives, with the point moved.
    static func fixedText(_ shortest: String) -> String {
        let parts = shortest.split(separator: "e", maxSplits: 1)
        guard parts.count == 2, let exponent = Int(parts[1]) else { return shortest }
        var mantissa = Substring(parts[0])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = String(pieces[0]) + (pieces.count == 2 ? String(pieces[1]) : "")
        let point = pieces[0].count + exponent
        let text: String
        if point <= 0 {
            text = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text = digits + String(repeating: "0", count: point - digits.count)
        } else {
            text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        return (negative ? "-" : "") + text
    }

    /// `a op b` when the 64-bit result is the exact one and it, `a` and `b` are exactly the decimals they print as
    /// (`isDecimalExact`); nil when not: `0.1 + 0.2` is 0.3 to Terraform (decimal digits, 512 bits) and
    /// 0.30000000000000004 in 64 bits, `1 / 3` prints 3s past 17 digits in Terraform.
    static func exact(_ op: HCLArithmetic, _ a: Double, _ b: Double) -> Double? {
        let result: Double
        let error: Double
        switch op {
        case .add, .subtract:
            let right = op == .add ? b : -b
            result = a + right
            let virtual = result - a
            error = (a - (result - virtual)) + (right - virtual)
        case .multiply:
            result = a * b
            error = (-result).addingProduct(a, b)
        case .divide:
            result = a / b
            error = a.addingProduct(-result, b)
        }
        guard result.isFinite, error == 0, [a, b, result].allSatisfy(isDecimalExact) else { return nil }
        return result
    }

    enum HCLArithmetic: String { case add = "+", subtract = "-", multiply = "*", divide = "/" }

    /// Why a number is not evaluated.
    static func inexact(_ description: String) -> String {
        "it computes \(description), whose exact result policycheck's 64-bit numbers do not hold (Terraform's are arbitrary-precision decimals)"
    }

    /// A number as a whole number within `Int64`, as go-cty converts one for a function taking an integer
    /// (`substr`, `element`, `slice`): else its error.
    static func int(_ value: Double, _ name: String, argument: Int, at offset: Int) throws(TerraformEvaluationError) -> Int {
        guard value.rounded() == value, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else {
            throw .call(name, "argument \(argument): value must be a whole number, between -9223372036854775808 and 9223372036854775807", at: offset)
        }
        return Int(value)
    }
}
