/// The ASCII bytes of JSON's grammar.
enum JSONByte {
    static var openBrace: UInt8 { 0x7B }  // {
    static var closeBrace: UInt8 { 0x7D }  // }
    static var openBracket: UInt8 { 0x5B }  // [
    static var closeBracket: UInt8 { 0x5D }  // ]
    static var quote: UInt8 { 0x22 }  // "
    static var backslash: UInt8 { 0x5C }  // \
    static var slash: UInt8 { 0x2F }  // /
    static var comma: UInt8 { 0x2C }  // ,
    static var colon: UInt8 { 0x3A }  // :
    static var minus: UInt8 { 0x2D }  // -
    static var plus: UInt8 { 0x2B }  // +
    static var dot: UInt8 { 0x2E }  // .
    static var zero: UInt8 { 0x30 }  // 0
    static var nine: UInt8 { 0x39 }  // 9
    static var space: UInt8 { 0x20 }
    static var newline: UInt8 { 0x0A }
    static var carriageReturn: UInt8 { 0x0D }
    static var tab: UInt8 { 0x09 }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
}
