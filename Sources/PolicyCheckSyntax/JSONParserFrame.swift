/// One open array or object while `JSONParser` reads its members.
struct JSONParserFrame {
    /// Objects with more members than this check duplicate keys with a set instead of a linear scan.
    static let linearKeyScanLimit = 12

    let isObject: Bool
    /// Offset of the opening bracket.
    let offset: Int
    /// Where this container's finished members start in the parser's item or entry stack.
    let stackStart: Int
    /// The member name whose value is being read (objects only).
    var key: String = ""
    var keyOffset: Int = 0
    /// Every key so far, once the object outgrew the linear scan.
    var keySet: Set<String>? = nil

    init(isObject: Bool, offset: Int, stackStart: Int) {
        self.isObject = isObject
        self.offset = offset
        self.stackStart = stackStart
    }
}
