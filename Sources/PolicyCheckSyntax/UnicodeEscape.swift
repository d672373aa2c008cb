/// The scalar a `\uXXXX` or `\UXXXXXXXX` escape names by its hex digits (HCL's and TOML's strings), as UTF-8; `nil`
/// when the digits name no Unicode scalar.
enum UnicodeEscape {
    static func utf8(ofDigits digits: ArraySlice<UInt8>) -> [UInt8]? {
        guard let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(value) else { return nil }
        return Array(String(Character(scalar)).utf8)
    }
}
