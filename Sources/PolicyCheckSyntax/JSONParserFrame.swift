/// One open array or object while `JSONParser` reads its members.
struct JSONParserFrame {
    /// Objects with more members than this check duplicate keys with a set instead of a linear scan.
    static let linearKeyScanLimit = 12

    let isObject: Bool
    /// The container's node in the tape.
    let node: Int
    /// Where this container's members start in the parser's pending-member stacks.
    let stackStart: Int
    /// The member name whose value is being read (objects only): its text index.
    var key: UInt32 = 0
    /// The member name this container is the value of, or (for a container in an array) the array's context:
    /// what `JSONKeyPredictor` guesses an object's first member from.
    let context: UInt32
    /// The hashes of every key so far, once the object outgrew the linear scan.
    var keyHashes: Set<UInt64>? = nil

    init(isObject: Bool, node: Int, stackStart: Int, context: UInt32) {
        self.isObject = isObject
        self.context = context
        self.node = node
        self.stackStart = stackStart
    }
}
