import Foundation
import PolicyCheckSyntax

/// `base64decode`, `urlencode` and `parseint`, as Terraform computes them.
extension TerraformFunctions {
    static let encodings: [String: Function] = [
        // base64decode(string): standard Base64 with padding (Go's StdEncoding, which skips line breaks); the result
        // must be UTF-8. https://developer.hashicorp.com/terraform/language/functions/base64decode
        "base64decode": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "base64decode", at: offset)
            let text = try string(arguments, 0, "base64decode", at: offset).filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
            guard text.utf8.count % 4 == 0, let data = Data(base64Encoded: text) else {
                throw .call("base64decode", "the argument is not valid Base64", at: offset)
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw .call("base64decode", "the result of decoding the provided string is not valid UTF-8", at: offset)
            }
            return .string(decoded, at: offset)
        },
        // urlencode(string): Go's url.QueryEscape — letters, digits and `-_.~` kept, a space as `+`, every other
        // byte of the UTF-8 as `%XX`. https://developer.hashicorp.com/terraform/language/functions/urlencode
        "urlencode": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 1...1, "urlencode", at: offset)
            let text = try string(arguments, 0, "urlencode", at: offset)
            var out: [UInt8] = []
            let hex = Array("0123456789ABCDEF".utf8)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                    out.append(byte)
                case UInt8(ascii: " "):
                    out.append(UInt8(ascii: "+"))
                default:
                    out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            return .string(String(decoding: out, as: UTF8.self), at: offset)
        },
        // parseint(number, base): an optional sign and digits of a base from 2 to 62 (Go's big.Int SetString: letters
        // either case up to base 36, above it lower case 10-35 and upper case 36-61).
        // https://developer.hashicorp.com/terraform/language/functions/parseint
        "parseint": { arguments, offset throws(TerraformEvaluationError) in
            try count(arguments, 2...2, "parseint", at: offset)
            let text = try string(arguments, 0, "parseint", at: offset)
            let base = try TerraformNumber.int(try number(arguments, 1, "parseint", at: offset), "parseint", argument: 2, at: offset)
            guard (2...62).contains(base) else { throw .call("parseint", "base must be a whole number between 2 and 62 inclusive", at: offset) }
            var digits = Substring(text)
            var negative = false
            if let sign = digits.first, sign == "+" || sign == "-" { negative = sign == "-"; digits = digits.dropFirst() }
            var value = 0.0
            var exact = true
            for scalar in digits.unicodeScalars {
                guard let digit = digitValue(scalar, base: base), digit < base else {
                    throw .call("parseint", "cannot parse \"\(Excerpt.quote(text))\" as a base \(base) integer", at: offset)
                }
                // Exact while below 2^53; past it, exact only if every step is.
                guard let shifted = TerraformNumber.exact(.multiply, value, Double(base)),
                      let next = TerraformNumber.exact(.add, shifted, Double(digit)) else { exact = false; continue }
                value = next
            }
            guard !digits.isEmpty else { throw .call("parseint", "cannot parse \"\(Excerpt.quote(text))\" as a base \(base) integer", at: offset) }
            guard exact else {
                return .unknown(TerraformNumber.inexact("parseint(\"\(Excerpt.quote(text))\", \(base))"), at: offset)
            }
            return TerraformValue(.number(negative ? -value : value), at: offset)
        },
    ]

    private static func digitValue(_ scalar: Unicode.Scalar, base: Int) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0x61...0x7A: return Int(scalar.value - 0x61) + 10
        case 0x41...0x5A: return Int(scalar.value - 0x41) + (base <= 36 ? 10 : 36)
        default: return nil
        }
    }
}
