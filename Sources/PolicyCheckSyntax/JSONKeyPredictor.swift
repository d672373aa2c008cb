#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Guesses the next member name of an object from the names seen before: the name that followed the previous member
/// last time, or for an object's first member, the first name of the last object found under the same member name.
/// Terraform plans and CloudFormation templates repeat the same names in the same order for every resource, so most
/// names are confirmed by comparing their bytes with the guess's first spelling in the document, with no hashing,
/// no search of the string cache and no scan for the closing quote.
///
/// A guess is only ever confirmed by the bytes themselves: a wrong guess costs one comparison and the name is read
/// as before. Only names spelt without escapes are guessed (their bytes hold no quote, backslash or control
/// character, so the same bytes followed by a quote are the whole name).
struct JSONKeyPredictor: ~Copyable {
    /// The name a context's object starts with when no member name encloses it (a document's root, or an array's
    /// element at the root).
    static let rootContext = UInt32.max

    /// What is known of one name, by text index.
    private struct Entry {
        /// Where its unescaped spelling starts in the document; `UInt32.max` when it was escaped.
        var start: UInt32
        var length: UInt32
        /// The name that followed it in its object last time.
        var successor = UInt32.max
        /// The first name of the last object found under it.
        var firstMember = UInt32.max
    }

    private var entries: [Entry] = []
    private var rootFirstMember = UInt32.max

    init() {
        entries.reserveCapacity(64)
    }

    /// The guess for the member after `previous`, or for the first member of an object whose context is `context`.
    @inline(__always)
    func guess(after previous: UInt32?, context: UInt32) -> UInt32 {
        if let previous { return Int(previous) < entries.count ? entries[Int(previous)].successor : UInt32.max }
        if context == Self.rootContext { return rootFirstMember }
        return Int(context) < entries.count ? entries[Int(context)].firstMember : UInt32.max
    }

    /// The byte length of `guess` when `bytes` at `start` spell it and a quote follows; nil otherwise.
    @inline(__always)
    func confirm(_ guess: UInt32, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard Int(guess) < entries.count else { return nil }
        let entry = entries[Int(guess)]
        guard entry.start != UInt32.max else { return nil }
        let length = Int(entry.length)
        guard start + length < bytes.count, bytes[start + length] == JSONByte.quote else { return nil }
        let base = bytes.baseAddress.unsafelyUnwrapped
        return memcmp(base + start, base + Int(entry.start), length) == 0 ? length : nil
    }

    /// Records that `key` (spelt at `start` for `length` bytes, or escaped) followed `previous`, or began an object
    /// whose context is `context`.
    mutating func learn(_ key: UInt32, start: Int, length: Int, escaped: Bool, after previous: UInt32?,
                        context: UInt32) {
        while entries.count <= Int(key) {
            let isKey = entries.count == Int(key)
            entries.append(Entry(start: isKey && !escaped ? UInt32(truncatingIfNeeded: start) : UInt32.max,
                                 length: isKey ? UInt32(truncatingIfNeeded: length) : 0))
        }
        if let previous {
            if Int(previous) < entries.count { entries[Int(previous)].successor = key }
        } else if context == Self.rootContext {
            rootFirstMember = key
        } else if Int(context) < entries.count {
            entries[Int(context)].firstMember = key
        }
    }
}
