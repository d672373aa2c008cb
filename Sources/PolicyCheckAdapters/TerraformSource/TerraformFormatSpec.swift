extension TerraformFormat {
    /// A verb's flags, width and precision (`%-5s`, `%05d`, `%5.1f`); nil for what else a pattern may hold there
    /// (an argument index `[2]`, a `*` width).
    struct Spec: Equatable {
        var left = false, zero = false, plus = false, space = false, sharp = false
        var width: Int?
        var precision: Int?

        init?(_ text: String) {
            var rest = Substring(text)
            while let flag = rest.first, "-0+ #".contains(flag) {
                switch flag {
                case "-": left = true
                case "0": zero = true
                case "+": plus = true
                case " ": space = true
                default: sharp = true
                }
                rest = rest.dropFirst()
            }
            let widthDigits = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(widthDigits.count)
            if !widthDigits.isEmpty { width = Int(widthDigits) }
            if rest.first == "." {
                rest = rest.dropFirst()
                let precisionDigits = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(precisionDigits.count)
                precision = Int(precisionDigits) ?? 0
            }
            guard rest.isEmpty else { return nil }
        }

        /// The text padded to the width, counted in Unicode scalars as Go counts runes: spaces before it, after
        /// it with `-`, zeros after a minus sign with `0`.
        func pad(_ text: String) -> String {
            guard let width, text.unicodeScalars.count < width else { return text }
            let count = width - text.unicodeScalars.count
            if left { return text + String(repeating: " ", count: count) }
            guard zero else { return String(repeating: " ", count: count) + text }
            let zeros = String(repeating: "0", count: count)
            return text.hasPrefix("-") ? "-" + zeros + text.dropFirst() : zeros + text
        }
    }
}
