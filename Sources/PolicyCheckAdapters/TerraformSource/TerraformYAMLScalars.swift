import PolicyCheckSyntax

/// The YAML scalars Terraform's `yamldecode` may read otherwise than policycheck's YAML 1.2 core schema.
///
/// Terraform decodes YAML with go-cty-yaml, a fork of go-yaml v2 whose resolver keeps YAML 1.1's readings
/// (https://github.com/zclconf/go-cty-yaml, resolve.go): plain `yes`, `on`, `y` are booleans, `2001-01-01` a timestamp
/// (the string "2001-01-01T00:00:00Z"), `010` is octal 8, `1_000` is 1000, `0b101` is 5. A document holding such a
/// scalar — as a value or a key, quoted or not where the reading cannot tell — is not decoded: unknown, never the
/// other reading.
enum TerraformYAMLScalars {
    /// The first scalar in `node` the two readers may read differently, or nil when there is none.
    static func divergent(in node: SourceNode, depth: Int = 0) -> String? {
        if depth > 256 { return "a document nested too deeply" }
        switch node.value {
        case .number(let text):
            return isPlainDecimal(text) ? nil : text
        case .string(let text):
            if node.boolean(.yaml11) != nil { return text }
            return mayResolve(text) ? text : nil
        case .sequence(let items):
            return items.lazy.compactMap { divergent(in: $0, depth: depth + 1) }.first
        case .mapping(let entries):
            for entry in entries {
                if mayResolve(entry.key) || YAMLBooleans.yaml11Value(of: entry.key) != nil || isNumberKey(entry.key) {
                    return entry.key
                }
                if let found = divergent(in: entry.value, depth: depth + 1) { return found }
            }
            return nil
        case .null, .bool:
            return nil
        }
    }

    /// `0`, `-12`, `3.25`: a number both readers read alike.
    private static func isPlainDecimal(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              whole == "0" || !whole.hasPrefix("0") else { return false }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit)
    }

    /// A key the core schema would read as a number but not as a plain decimal (`010`, `0x1F`, `1e3`).
    private static func isNumberKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCIIDigit || first == "-" || first == "+" || first == "." else { return false }
        return !isPlainDecimal(key) && key.allSatisfy { $0.isASCIIDigit || "+-._eExXoObBabcdefABCDEFinfINFNa".contains($0) }
    }

    /// A string go-yaml v2 may resolve to something else when plain: a timestamp (`2001-01-01`, `2001-1-1 10:00:00`),
    /// a number with underscores or a base prefix (`1_000`, `0b101`, `0x1F`), a sexagesimal number (`1:30`), or a
    /// decimal with a leading zero (`010`).
    private static func mayResolve(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        // A date: four digits, a dash, a digit.
        if bytes.count >= 6, bytes[0..<4].allSatisfy(isDigit), bytes[4] == 0x2D, isDigit(bytes[5]) { return true }
        let body = bytes.first == 0x2B || bytes.first == 0x2D ? bytes.dropFirst() : bytes[...]
        guard let lead = body.first, isDigit(lead) || lead == 0x2E else { return false }
        // Digits, hexadecimal letters, base letters (x, o), `_`, `:` and `.` only.
        let isNumeric = { (byte: UInt8) in
            isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
                || [0x5F, 0x3A, 0x2E, 0x78, 0x58, 0x6F, 0x4F].contains(byte)
        }
        guard body.allSatisfy(isNumeric) else { return false }
        if body.contains(0x5F) || body.contains(0x3A) { return true }
        // `0x1F`, `0b101`, `0o17`, `017`: anything but `0` or `0.5` after a leading zero.
        return body.count > 1 && lead == 0x30 && body[body.startIndex + 1] != 0x2E
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
