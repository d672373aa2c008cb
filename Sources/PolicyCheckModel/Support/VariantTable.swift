/// Candidate positions filed under the hashes of strings derived from them, for `DeletionIndex`. One sorted array
/// of packed entries (hash, position, how many scalars were deleted) and a table of where each bucket of hashes
/// starts: a few bytes an entry, where a dictionary of arrays cost some fifty.
struct VariantTable: Sendable {
    /// Bits of a hash kept (the rest of an entry holds the position and the deletions).
    static let hashBits: UInt64 = 38
    /// The largest position an entry can hold.
    static let maxPosition = 1 << 24 - 1

    private var entries: [UInt64]
    private let bucketStarts: [Int]
    private let bucketShift: UInt64
    /// One bit for each value of a hash's low bits, set when an entry has it: most variants of a word are filed
    /// nowhere, and the bit (about a byte an entry, small enough to stay cached) says so without reading the table.
    private let present: [UInt64]
    private let presentMask: UInt64

    /// The part of a hash an entry keeps.
    static func kept(_ hash: UInt64) -> UInt64 {
        hash & (1 << hashBits - 1)
    }

    /// An entry for `position`, filed under `hash`, `deletions` (0...3) scalars away from the candidate.
    static func entry(hash: UInt64, position: Int, deletions: Int) -> UInt64 {
        kept(hash) << 26 | UInt64(position) << 2 | UInt64(deletions)
    }

    /// Sorts the entries; of those filing one position under one hash, only the fewest deletions are kept.
    init(_ unsorted: consuming [UInt64]) {
        entries = unsorted
        var bits: UInt64 = 0
        // About sixteen entries a bucket: a lookup's search stays within a cache line or two, and the table of
        // buckets is a sixteenth of the entries.
        while bits < 24, 1 << (bits + 4) < entries.count { bits += 1 }
        bucketShift = 64 - bits
        Self.sort(&entries)
        // Duplicates are neighbours, fewest deletions first.
        var kept = 0
        for offset in entries.indices where kept == 0 || entries[kept - 1] >> 2 != entries[offset] >> 2 {
            entries[kept] = entries[offset]
            kept += 1
        }
        entries.removeLast(entries.count - kept)
        bucketStarts = Self.starts(of: entries[...], shift: bucketShift)
        var bitCount: UInt64 = 64
        while bitCount < 1 << 40, bitCount < UInt64(entries.count) * 8 { bitCount <<= 1 }
        presentMask = bitCount - 1
        var present = [UInt64](repeating: 0, count: Int(bitCount / 64))
        for entry in entries {
            let bit = (entry >> 26) & presentMask
            present[Int(bit >> 6)] |= 1 << (bit & 63)
        }
        self.present = present
    }

    /// Where each bucket of entries (their bits above `shift`) starts once sorted, and where the last ends.
    private static func starts(of entries: ArraySlice<UInt64>, shift: UInt64) -> [Int] {
        var starts = [Int](repeating: 0, count: (1 << (64 - shift)) + 1)
        for entry in entries { starts[Int(entry >> shift) + 1] += 1 }
        for bucket in 1..<starts.count { starts[bucket] += starts[bucket - 1] }
        return starts
    }

    /// Sorts in place: each entry moved to the part of its top byte, each part in turn by its next byte (256
    /// places being filled stay in the cache, where a place per lookup bucket made every move a miss), and the
    /// small parts left sorted by insertion.
    private static func sort(_ entries: inout [UInt64]) {
        entries.withUnsafeMutableBufferPointer { buffer in
            for part in partition(buffer, 0..<buffer.count, shift: 56) {
                guard part.count > 64 else {
                    insertionSort(buffer, part)
                    continue
                }
                for small in partition(buffer, part, shift: 48) {
                    if small.count > 64 { buffer[small].sort() } else { insertionSort(buffer, small) }
                }
            }
        }
    }

    private static func insertionSort(_ buffer: UnsafeMutableBufferPointer<UInt64>, _ range: Range<Int>) {
        guard range.count > 1 else { return }
        for offset in (range.lowerBound + 1)..<range.upperBound {
            let entry = buffer[offset]
            var place = offset
            while place > range.lowerBound, buffer[place - 1] > entry {
                buffer[place] = buffer[place - 1]
                place -= 1
            }
            buffer[place] = entry
        }
    }

    /// Moves the entries of `range` into 256 parts by their byte at `shift` (American flag sort); returns the parts.
    private static func partition(_ buffer: UnsafeMutableBufferPointer<UInt64>, _ range: Range<Int>,
                                  shift: UInt64) -> [Range<Int>] {
        var starts = [Int](repeating: range.lowerBound, count: 257)
        for offset in range { starts[Int(buffer[offset] >> shift & 0xff) + 1] += 1 }
        for part in 1...256 { starts[part] += starts[part - 1] - range.lowerBound }
        var next = starts
        for part in 0..<256 {
            while next[part] < starts[part + 1] {
                let home = Int(buffer[next[part]] >> shift & 0xff)
                if home == part {
                    next[part] += 1
                } else {
                    buffer.swapAt(next[part], next[home])
                    next[home] += 1
                }
            }
        }
        return (0..<256).map { starts[$0]..<starts[$0 + 1] }
    }

    /// The positions in `entries` filed under `hash`.
    func run(of hash: UInt64) -> Range<Int> {
        let kept = Self.kept(hash)
        let bit = kept & presentMask
        guard present[Int(bit >> 6)] & (1 << (bit & 63)) != 0 else { return 0..<0 }
        // Every entry of one hash lies in the hash's bucket.
        let bucket = Int((kept << 26) >> bucketShift)
        let bucketEnd = bucketStarts[bucket + 1]
        let start = first(from: bucketStarts[bucket], to: bucketEnd) { $0 >> 26 >= kept }
        return start..<first(from: start, to: bucketEnd) { $0 >> 26 > kept }
    }

    /// The candidate position and deletions of the entry at `offset`.
    subscript(offset: Int) -> (position: Int, deletions: Int) {
        let entry = entries[offset]
        return (Int(entry >> 2 & UInt64(Self.maxPosition)), Int(entry & 3))
    }

    /// The first offset from `low` to `high` whose entry `isPast` (which holds from some offset on).
    private func first(from low: Int, to high: Int, where isPast: (UInt64) -> Bool) -> Int {
        var low = low, high = high
        while low < high {
            let middle = (low + high) / 2
            if isPast(entries[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
