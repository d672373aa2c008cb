#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The member names of one document, each distinct spelling kept once where the cache finds it: Terraform plans
/// repeat every attribute name thousands of times.
///
/// Direct-mapped: a slot per hash, the newest text wins, so equal texts far apart may still be stored twice (which
/// is only a missed saving: texts are compared by content, never by index).
struct JSONStringCache: ~Copyable {
    /// Texts longer than this are stored without hashing (they rarely repeat).
    static let longestCached = 160

    private(set) var texts: [String] = []
    /// The hash of each text's bytes, by text index: texts with different hashes differ, so comparing two texts
    /// rarely needs their characters.
    private(set) var textHashes: [UInt64] = []
    private var hashes: [UInt64]
    private var indices: [UInt32]
    private let mask: Int

    /// A cache sized for a document of `byteCount` bytes: a slot per 1 KiB, between 256 and 16,384 slots (a
    /// document's distinct member names number in the hundreds, not in proportion to its size).
    init(byteCount: Int) {
        var slots = 256
        while slots < byteCount / 1024 && slots < 1 << 14 { slots <<= 1 }
        hashes = Array(repeating: 0, count: slots)
        indices = Array(repeating: UInt32.max, count: slots)
        mask = slots - 1
        texts.reserveCapacity(64)
        textHashes.reserveCapacity(64)
    }

    /// The index of the text of `bytes` (decoded as UTF-8, repairing ill-formed sequences) in `texts`.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Self.hash(bytes)
        guard bytes.count <= Self.longestCached else { return append(bytes, hash: hash) }
        let slot = Int(truncatingIfNeeded: hash) & mask
        let cached = indices[slot]
        if cached != UInt32.max, hashes[slot] == hash, Self.equal(texts[Int(cached)], bytes) { return cached }
        let index = append(bytes, hash: hash)
        hashes[slot] = hash
        indices[slot] = index
        return index
    }

    /// Whether two texts are the same: the same index, or the same hash and characters.
    func same(_ first: UInt32, _ second: UInt32) -> Bool {
        first == second
            || (textHashes[Int(first)] == textHashes[Int(second)] && texts[Int(first)] == texts[Int(second)])
    }

    /// Hands the texts and their hashes over, leaving the cache empty.
    mutating func takeTexts() -> (texts: [String], hashes: [UInt64]) {
        defer {
            texts = []
            textHashes = []
        }
        return (texts, textHashes)
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32 {
        var text = String(decoding: bytes, as: UTF8.self)
        // `textHashes` hash the texts as stored: when ill-formed bytes were repaired, hash what they became.
        let repaired = !Self.equal(text, bytes)
        texts.append(text)
        textHashes.append(repaired ? text.withUTF8 { Self.hash($0) } : hash)
        return UInt32(truncatingIfNeeded: texts.count - 1)
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        } ?? false
    }

    /// A multiply–rotate hash over eight bytes at a time; the last (up to eight) bytes are read as one word,
    /// overlapping bytes already mixed in (the length is mixed in first, so this loses nothing).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        var hash = UInt64(count) &* prime
        guard let base = bytes.baseAddress, count > 0 else { return hash ^ (hash >> 32) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 < count {
            hash = ((hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* prime).rotatedLeft(by: 29)
            index += 8
        }
        let tail: UInt64
        if count >= 8 {
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            tail = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        } else {
            tail = UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16
        }
        hash = ((hash ^ tail) &* prime).rotatedLeft(by: 29)
        return hash ^ (hash >> 32)
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
