#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reuses one `String` for every occurrence of the same text in a document, so repeated keys and values (Terraform
/// plans repeat every address, ARN and provider name two or three times) share storage instead of each taking an
/// allocation.
///
/// Direct-mapped: a slot per hash, the newest string wins. Only strings too long to be stored inline (more than 15
/// UTF-8 bytes) and short enough to be worth hashing are cached.
struct JSONStringCache: ~Copyable {
    static let cachedLengths = 16...160

    private var hashes: [UInt64]
    private var strings: [String?]
    private let mask: Int

    /// A cache sized for a document of `byteCount` bytes: a slot per 256 bytes, between 256 and 262,144 slots.
    init(byteCount: Int) {
        var slots = 256
        while slots < byteCount / 256 && slots < 1 << 18 { slots <<= 1 }
        hashes = Array(repeating: 0, count: slots)
        strings = Array(repeating: nil, count: slots)
        mask = slots - 1
    }

    /// The string for `bytes` (decoded as UTF-8, repairing ill-formed sequences), shared with earlier equal text.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        let slot = Int(truncatingIfNeeded: hash) & mask
        if hashes[slot] == hash, let cached = strings[slot], Self.equal(cached, bytes) { return cached }
        let string = String(decoding: bytes, as: UTF8.self)
        hashes[slot] = hash
        strings[slot] = string
        return string
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        } ?? false
    }

    /// A multiply–rotate hash over eight bytes at a time.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(bytes.count) &* prime
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                hash = ((hash ^ word) &* prime).rotatedLeft(by: 29)
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = ((hash ^ tail) &* prime).rotatedLeft(by: 29)
        }
        return hash ^ (hash >> 32)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
