import PolicyCheckSyntax

/// `format()`: the verbs and flags whose output policycheck reproduces exactly — `%s`, `%v`, `%#v`, `%d`, `%t`, `%q`,
/// `%f`, `%x`, `%X`, `%o`, `%b`, `%%`, with a width, `-` and `0` — as Terraform's go-cty prints them
/// (https://developer.hashicorp.com/terraform/language/functions/format). Any other verb, flag or argument index
/// (`%e`, `%g`, `%+d`, `%[2]s`), `%v` of a number (Go's `%g`), and a `%f` that rounds a number Terraform holds
/// more precisely at a tie, make the text unknown: never a nearby text Terraform would not print.
enum TerraformFormat {
    /// The text, or nil with the text unknown (`unsupported`).
    static func render(_ pattern: String, _ values: [TerraformValue], at offset: Int) throws(TerraformEvaluationError) -> String? {
        var out = ""
        var next = 0
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                out.append(character)
                continue
            }
            var spec = ""
            var verb: Character?
            while let item = characters.next() {
                if item.isLetter || item == "%" {
                    verb = item
                    break
                }
                spec.append(item)
            }
            guard let verb else { throw .call("format", "the pattern ends inside a verb", at: offset) }
            if verb == "%" {
                guard spec.isEmpty else { return nil }
                out += "%"
                continue
            }
            guard next < values.count else { throw .call("format", "not enough arguments for the pattern", at: offset) }
            let value = values[next]
            next += 1
            // A width or precision of gigabytes (`%99999999999d`) would exhaust memory: refused, never a crash.
            if spec.split(whereSeparator: { !$0.isNumber }).contains(where: { Int($0).map { $0 > TerraformFunctions.maxTextScalars } ?? true }) {
                throw .call("format", "a width or precision above \(TerraformFunctions.maxTextScalars) is more than policycheck evaluates", at: offset)
            }
            guard let piece = try render(verb, Spec(spec), value, at: offset) else { return nil }
            out += piece
        }
        return out
    }

    static let unsupported = TerraformFunctions.notEvaluated("format", " with a verb, flag or value whose text policycheck does not reproduce exactly")

    private static func render(_ verb: Character, _ spec: Spec?, _ value: TerraformValue,
                               at offset: Int) throws(TerraformEvaluationError) -> String? {
        guard let spec, !spec.plus, !spec.space else { return nil }
        switch verb {
        case "v" where spec.sharp:
            guard spec.width == nil, spec.precision == nil, !spec.left, !spec.zero else { return nil }
            return TerraformJSON.encode(value)
        case "s", "v":
            guard !spec.sharp, spec.precision == nil, !spec.zero else { return nil }
            switch value.kind {
            case .string, .bool: return spec.pad(value.stringValue!)
            case .number: return verb == "s" ? spec.pad(value.stringValue!) : nil
            default:
                guard verb == "v", spec == Spec("") else {
                    throw .call("format", "%\(verb) needs a primitive value, not a \(value.typeName)", at: offset)
                }
                return TerraformJSON.encode(value)
            }
        case "t":
            guard !spec.sharp, spec.precision == nil, !spec.zero else { return nil }
            guard let flag = value.boolValue else { throw .call("format", "%t needs a bool, not a \(value.typeName)", at: offset) }
            return spec.pad(flag ? "true" : "false")
        case "q":
            guard spec == Spec("") else { return nil }
            guard let text = value.stringValue else { throw .call("format", "%q needs a string, not a \(value.typeName)", at: offset) }
            return TerraformJSON.quote(text)
        case "d", "x", "X", "o", "b":
            guard !spec.sharp, spec.precision == nil else { return nil }
            if value.inexactNumberReason != nil { return nil }
            guard let number = value.numberValue else { throw .call("format", "%\(verb) needs a number, not a \(value.typeName)", at: offset) }
            guard number.rounded() == number else { return nil }
            guard let digits = integerDigits(number, verb) else { return nil }
            return spec.pad(digits)
        case "f":
            guard !spec.sharp else { return nil }
            if value.inexactNumberReason != nil { return nil }
            guard let number = value.numberValue else { throw .call("format", "%f needs a number, not a \(value.typeName)", at: offset) }
            return fixed(number, places: spec.precision ?? 6).map(spec.pad)
        default:
            return nil
        }
    }

    /// A whole number in base 10, 16, 8 or 2, a minus sign before a negative one's magnitude (Go's big.Int).
    private static func integerDigits(_ number: Double, _ verb: Character) -> String? {
        let sign = number < 0 ? "-" : ""
        if verb == "d" { return sign + TerraformNumber.digits(of: number) }
        guard let magnitude = UInt128(exactly: number.magnitude) else { return nil }
        let radix = verb == "o" ? 8 : verb == "b" ? 2 : 16
        return sign + String(magnitude, radix: radix, uppercase: verb == "X")
    }

    /// `number` with `places` decimals, rounded half to even as Go's big floats round their exact value; nil when
    /// the printed digits end exactly halfway and the 64-bit value is not those digits (`0.15`, held as
    /// 0.1499999…, while Terraform holds it as 0.15 to 512 bits).
    static func fixed(_ number: Double, places: Int) -> String? {
        let text = TerraformValue.format(number)
        let negative = text.hasPrefix("-")
        let parts = text.drop { $0 == "-" }.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = Array(parts[0])
        let fraction = parts.count == 2 ? Array(parts[1]) : []
        var kept = Array(fraction.prefix(places))
        if fraction.count > places {
            let dropped = fraction[places...]
            let isTie = dropped.first == "5" && dropped.dropFirst().allSatisfy { $0 == "0" }
            if isTie && !TerraformNumber.isDecimalExact(number) { return nil }
            let lastKept = kept.last ?? whole.last!
            let roundUp = dropped.first! > "5" || (dropped.first == "5" && !isTie)
                || (isTie && (lastKept.wholeNumberValue ?? 0) % 2 == 1)
            if roundUp {
                var digits = whole + kept
                var index = digits.count - 1
                while index >= 0 {
                    if digits[index] == "9" { digits[index] = "0"; index -= 1; continue }
                    digits[index] = Character(String(digits[index].wholeNumberValue! + 1))
                    break
                }
                if index < 0 { digits.insert("1", at: 0) }
                whole = Array(digits.prefix(digits.count - kept.count))
                kept = Array(digits.suffix(kept.count))
            }
        }
        kept += Array(repeating: "0", count: places - kept.count)
        return (negative ? "-" : "") + String(whole) + (places > 0 ? "." + String(kept) : "")
    }
}
