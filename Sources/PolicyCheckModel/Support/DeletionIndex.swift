/// Candidates for "did you mean", found without measuring the distance to every one of them.
///
/// Two strings at most `d` edits apart become the same string when at most `d` scalars are deleted from each (the
/// substituted and inserted ones on one side, the substituted and deleted ones on the other). The index files every
/// candidate under the strings left after deleting up to three of its scalars, and a word looks up the strings left
/// after deleting up to `d` of its own: only candidates sharing one can be within `d`, and each is then measured as
/// before. A candidate longer than `window` scalars is filed by its first `window` scalars and, separately, by its
/// last: two strings within `d` also share such a string between their first (or last) `window` scalars, so either
/// end is a sound filter, and a word uses whichever files fewer candidates (ids that all start `acme-rule-` differ
/// at the end). A string of at most `window` scalars has at most 299 such strings, so the index grows linearly.
struct DeletionIndex: Sendable {
    /// How many scalars of each end of a longer string are filed.
    static let window = 12

    /// Candidates of at most `window` scalars, filed whole.
    private let whole: VariantTable
    /// Longer candidates, filed by their first `window` scalars and by their last.
    private let heads: VariantTable
    private let tails: VariantTable
    private let hasShort: Bool
    private let hasLong: Bool

    /// `nil` when there are more candidates than an entry can number.
    init?(_ candidates: [[Unicode.Scalar]]) {
        guard candidates.count <= VariantTable.maxPosition else { return nil }
        var whole: [UInt64] = [], heads: [UInt64] = [], tails: [UInt64] = []
        // Reserved exactly: growing by doubling held half as much again, twice over, while copying.
        let long = candidates.lazy.filter { $0.count > Self.window }.count
        whole.reserveCapacity(candidates.reduce(0) { $0 + ($1.count > Self.window ? 0 : Self.variantCount(of: $1.count)) })
        heads.reserveCapacity(long * Self.variantCount(of: Self.window))
        tails.reserveCapacity(long * Self.variantCount(of: Self.window))
        for (position, scalars) in candidates.enumerated() {
            let values = scalars.map(\.value)
            if values.count <= Self.window {
                Self.forEachVariant(of: values[...]) { whole.append(VariantTable.entry(hash: $0, position: position, deletions: $1)) }
            } else {
                Self.forEachVariant(of: values.prefix(Self.window)) { heads.append(VariantTable.entry(hash: $0, position: position, deletions: $1)) }
                Self.forEachVariant(of: values.suffix(Self.window)) { tails.append(VariantTable.entry(hash: $0, position: position, deletions: $1)) }
            }
        }
        hasShort = !whole.isEmpty
        hasLong = !heads.isEmpty
        self.whole = VariantTable(consume whole)
        self.heads = VariantTable(consume heads)
        self.tails = VariantTable(consume tails)
    }

    // MARK: - Looking up

    /// A word's variants looked up in one table, those lacking fewer scalars first (a word one edit from a
    /// candidate needs only those): where the candidates filed under each lie in the table.
    struct Probe {
        let table: VariantTable
        /// Kept hashes shifted past two bits of deletions, fewest deletions first.
        let variants: [UInt64]
        /// The runs of the first `runs.count` variants.
        private(set) var runs: [Range<Int>] = []

        init(_ table: VariantTable, _ variants: [UInt64]) {
            self.table = table
            self.variants = variants
        }

        /// Looks up every variant lacking at most `distance` scalars not looked up yet.
        mutating func lookUp(within distance: Int) {
            while runs.count < variants.count, Int(variants[runs.count] & 3) <= distance {
                runs.append(table.run(of: variants[runs.count] >> 2))
            }
        }

        /// How many entries the runs looked up hold.
        var size: Int { runs.reduce(0) { $0 + $1.count } }
    }

    /// The probes a word needs: for candidates of at most `window` scalars and for longer ones, each end of the word
    /// against the matching table. Candidates whose length differs from the word's by more than `maxDistance` are
    /// left out when a whole group of them does.
    func probes(for word: [Unicode.Scalar], maxDistance: Int) -> [[Probe]] {
        let values = word.map(\.value)
        let head = Self.variants(of: values.prefix(Self.window))
        let tail = values.count <= Self.window ? head : Self.variants(of: values.suffix(Self.window))
        var groups: [[Probe]] = []
        if hasShort, values.count - Self.window <= maxDistance {
            groups.append(values.count <= Self.window ? [Probe(whole, head)] : [Probe(whole, head), Probe(whole, tail)])
        }
        if hasLong, Self.window + 1 - values.count <= maxDistance {
            groups.append([Probe(heads, head), Probe(tails, tail)])
        }
        return groups
    }

    // MARK: - Variants

    /// A string's variants, each once with the fewest deletions that make it, fewest first: the part of its hash a
    /// table keeps, shifted past two bits holding the deletions.
    static func variants(of values: ArraySlice<UInt32>) -> [UInt64] {
        var all: [UInt64] = []
        all.reserveCapacity(variantCount(of: values.count))
        forEachVariant(of: values) { all.append(VariantTable.kept($0) << 2 | UInt64($1)) }
        all.sort()
        var byDeletions: [[UInt64]] = [[], [], [], []]
        for offset in all.indices where offset == 0 || all[offset - 1] >> 2 != all[offset] >> 2 {
            byDeletions[Int(all[offset] & 3)].append(all[offset])
        }
        return byDeletions.flatMap { $0 }
    }

    /// How many deletion sets `forEachVariant` passes for a string of `count` scalars.
    static func variantCount(of count: Int) -> Int {
        1 + count + count * (count - 1) / 2 + count * (count - 1) * (count - 2) / 6
    }

    /// Calls `body` with the hash of every string left after deleting at most three scalars (`Suggestion.maxDistance`),
    /// and how many were deleted (a string left by several deletions is passed once for each).
    static func forEachVariant(of values: ArraySlice<UInt32>, _ body: (UInt64, Int) -> Void) {
        let base = values.startIndex, count = values.count
        func hash(skipping a: Int, _ b: Int, _ c: Int) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for offset in 0..<count where offset != a && offset != b && offset != c {
                hash = (hash ^ UInt64(values[base + offset])) &* 0x0000_0100_0000_01b3
            }
            return finished(hash)
        }
        body(hash(skipping: -1, -1, -1), 0)
        for a in 0..<count {
            body(hash(skipping: a, -1, -1), 1)
            for b in (a + 1)..<max(a + 1, count) {
                body(hash(skipping: a, b, -1), 2)
                for c in (b + 1)..<max(b + 1, count) { body(hash(skipping: a, b, c), 3) }
            }
        }
    }

    /// Spreads the bits of a hash (the table files by its high bits).
    private static func finished(_ hash: UInt64) -> UInt64 {
        var mixed = hash
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }
}
