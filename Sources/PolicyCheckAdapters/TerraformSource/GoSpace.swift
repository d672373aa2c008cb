/// The characters Go's `unicode.IsSpace` takes for white space, which Terraform's `trimspace` removes
/// (https://pkg.go.dev/unicode#IsSpace): tab, newline, vertical tab, form feed, carriage return, space, U+0085 and
/// U+00A0, and the space separators (category Zs: U+1680, U+2000 to U+200A, U+202F, U+205F, U+3000) with the line
/// and paragraph separators U+2028 and U+2029. Not U+200B (zero width space) nor U+FEFF: Terraform keeps them.
enum GoSpace {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
