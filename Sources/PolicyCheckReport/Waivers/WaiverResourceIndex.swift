/// The waivers whose resource pattern can match a resource name, found without trying every pattern: a literal
/// pattern by the name itself, a glob by the literal text it starts with (or, when it starts with a wildcard, ends
/// with), walked byte by byte through a trie, and a glob that starts and ends with a wildcard (`*-prod-*`) by a literal
/// run inside it, found in the name by one Aho–Corasick pass. Only patterns with no such run (`*[[:digit:]]*`) are
/// tried on every name. Every candidate is still matched with `Waiver.matches`: the index only leaves out patterns
/// that cannot match (1,000 waivers naming resources, over 100,000 findings of their rule, took 21 s matching every
/// pattern against every finding; 10,000 `*/lb-N-*` waivers over 10,000 findings, 42 s).
///
/// Built once per rule and waiver file; each key keeps at most `indexedLength` bytes of its pattern
/// (`WaiverResourceKey`), so a waiver file of 2 MB patterns costs no more than its size.
struct WaiverResourceIndex {
    static let indexedLength = 32

    private var literal: [String: [Int]] = [:]
    private var prefixes = ByteTrie()
    private var suffixes = ByteTrie()
    private var infixes = ByteSubstringIndex()
    /// Positions of the patterns tried on every name.
    let everywhere: [Int]

    /// The resource patterns of a waiver file, in file order.
    init(_ patterns: [String]) {
        self.init(keys: patterns.map(WaiverResourceKey.init))
    }

    /// The keys of resource patterns, in file order.
    init(keys: [WaiverResourceKey]) {
        var everywhere: [Int] = []
        for (position, key) in keys.enumerated() {
            switch key {
            case .name(let name): literal[name, default: []].append(position)
            case .prefix(let head): prefixes.insert(head, position)
            case .reversedSuffix(let tail): suffixes.insert(tail, position)
            case .infix(let run): infixes.insert(run, position)
            case .everywhere: everywhere.append(position)
            }
        }
        infixes.link()
        self.everywhere = everywhere
    }

    /// Positions of the patterns that may match `name`, in file order, without those tried on every name.
    func candidates(for name: String) -> [Int] {
        var found = literal[name] ?? []
        let bytes = Array(name.utf8)
        prefixes.collect(along: bytes.prefix(Self.indexedLength), into: &found)
        suffixes.collect(along: bytes.reversed().prefix(Self.indexedLength), into: &found)
        infixes.collect(in: bytes, into: &found)
        found.sort()
        return found
    }
}
