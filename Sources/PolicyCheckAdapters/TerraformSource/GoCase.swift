/// `lower` and `upper` as Terraform computes them: Go's `strings.ToLower`/`ToUpper`, which map each scalar on its
/// own by Unicode's simple case mapping (UnicodeData.txt) — `"İ"` (U+0130) lowers to `"i"`, `"ß"` stays `"ß"` —
/// where Swift's `lowercased()`/`uppercased()` apply the full mappings of SpecialCasing.txt (`"i̇"`, `"SS"`).
/// https://pkg.go.dev/unicode#ToLower, https://www.unicode.org/reports/tr44/#Simple_Lowercase_Mapping
enum GoCase {
    static func lower(_ text: String) -> String { map(text, simpleLower) }
    static func upper(_ text: String) -> String { map(text, simpleUpper) }

    private static func map(_ text: String, _ mapping: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(mapping(scalar)) }
        return String(scalars)
    }

    /// A full mapping of one scalar is the simple one. The only unconditional lowercase mapping of more than one
    /// scalar is U+0130's ("i" + U+0307), whose simple mapping is "i".
    static func simpleLower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar }
        if scalar.value == 0x130 { return "i" }
        return single(scalar.properties.lowercaseMapping) ?? scalar
    }

    /// A full mapping of one scalar is the simple one. Where the full uppercase mapping has more (`"ß"` → `"SS"`,
    /// `"ᾳ"` → `"ΑΙ"`), the simple mapping is the titlecase one when that is a single other scalar (`"ᾼ"`), else
    /// none: the scalar stays.
    static func simpleUpper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 { return scalar.value >= 0x61 && scalar.value <= 0x7A ? Unicode.Scalar(scalar.value - 32)! : scalar }
        if let mapped = single(scalar.properties.uppercaseMapping) { return mapped }
        return single(scalar.properties.titlecaseMapping) ?? scalar
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var iterator = mapping.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }
}
