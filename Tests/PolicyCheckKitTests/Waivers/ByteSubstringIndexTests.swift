@testable import PolicyCheckReport
import PolicyCheckTestSupport
import Testing

/// One pass over a text finds exactly the positions whose string occurs in it, each once, however the strings
/// overlap, nest or repeat.
@Suite struct ByteSubstringIndexTests {
    @Test func onePassFindsThePositionsOfEveryStringInTheTextAndNoOther() {
        var random = SplitMix64(seed: 4242)
        func text(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c")].randomElement(using: &random)! }
        }
        for _ in 0..<2_000 {
            let keys = (0..<Int.random(in: 1...12, using: &random)).map { _ in text(Int.random(in: 1...5, using: &random)) }
            var index = ByteSubstringIndex()
            for (position, key) in keys.enumerated() { index.insert(key, position) }
            index.link()
            for _ in 0..<10 {
                let name = text(Int.random(in: 0...30, using: &random))
                var found: [Int] = []
                index.collect(in: name, into: &found)
                #expect(found.sorted() == keys.indices.filter { name.firstRange(of: keys[$0]) != nil })
            }
        }
    }
}
