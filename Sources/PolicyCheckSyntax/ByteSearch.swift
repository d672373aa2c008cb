#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a byte string in a buffer: `memchr` for its first byte, then `memcmp` (a generic slice search cost about 30
/// instructions a byte, 3% of a check of terraform-aws-security-group by callgrind; the key sniffer reads every text
/// file of a tree).
package enum ByteSearch {
    /// Where `needle` first occurs in `haystack` at or after `start` (an index of `haystack`), or `nil`.
    package static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int? = nil) -> Int? {
        let from = start ?? haystack.startIndex
        guard !needle.isEmpty, from >= haystack.startIndex, from <= haystack.endIndex,
              haystack.endIndex - from >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { pattern in
                let base = buffer.baseAddress!
                let last = buffer.count - pattern.count
                var index = from - haystack.startIndex
                while index <= last {
                    guard let hit = memchr(base + index, Int32(pattern[0]), last - index + 1) else { return nil }
                    let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, pattern.baseAddress!, pattern.count) == 0 {
                        return haystack.startIndex + position
                    }
                    index = position + 1
                }
                return nil
            }
        }
    }

    package static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        firstIndex(of: needle, in: haystack[...], from: start)
    }
}
