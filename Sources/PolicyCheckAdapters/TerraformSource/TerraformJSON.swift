import PolicyCheckSyntax

/// `jsonencode` and `jsondecode`: Terraform's JSON, keys in sorted order.
enum TerraformJSON {
    static func encode(_ value: TerraformValue) -> String {
        switch value.kind {
        case .null, .unknown, .resource: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return TerraformValue.format(number)
        case .string(let text): return quote(text)
        case .list(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .object:
            return "{" + value.sortedMembers!.map { quote($0.key) + ":" + encode($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// A string as Go's encoding/json writes it, which go-cty's JSON uses: `<`, `>`, `&`, U+2028 and U+2029 escaped
    /// as `\u003c`…, `\b` and `\f` short (Go 1.22 and later), other controls as `\u00XX`
    /// (https://pkg.go.dev/encoding/json#Marshal).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON document read from a file, each value located where it is written (`base`: the file's packed start).
    static func decode(_ node: SourceNode, base: Int) -> TerraformValue {
        let at = base + node.offset
        switch node.value {
        case .sequence(let items): return TerraformValue(.list(items.map { decode($0, base: base) }), at: at).typed(.tuple)
        case .mapping(let entries):
            var members: [String: TerraformValue] = [:]
            for entry in entries { members[entry.key] = decode(entry.value, base: base) }
            return TerraformValue(.object(members), at: at).typed(.object)
        default: return decode(node, at: at)
        }
    }

    /// A parsed JSON document as a value located at `offset` (the call that decoded it).
    static func decode(_ node: SourceNode, at offset: Int) -> TerraformValue {
        switch node.value {
        case .null: return TerraformValue(.null, at: offset)
        case .bool(let flag): return TerraformValue(.bool(flag), at: offset)
        case .number(let text):
            guard let number = TerraformNumber.literal(text) else {
                return .unknown(TerraformNumber.unheldReason("the number \(Excerpt.quote(text))", text: text), at: offset)
            }
            return TerraformValue(.number(number), at: offset)
        case .string(let text): return .string(text, at: offset)
        case .sequence(let items): return TerraformValue(.list(items.map { decode($0, at: offset) }), at: offset).typed(.tuple)
        case .mapping(let entries):
            var members: [String: TerraformValue] = [:]
            for entry in entries { members[entry.key] = decode(entry.value, at: offset) }
            return TerraformValue(.object(members), at: offset).typed(.object)
        }
    }
}
