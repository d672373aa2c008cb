import PolicyCheckSyntax
import Testing

/// The lines of nodes aliases repeat, which inline ignores must not cover: a scalar's line, a block collection's
/// lines up to its last member's (not the next key's), a flow collection's to its closing bracket, a block scalar's (with its
/// trailing blank lines) to its last line; anchors no alias names are not reported, and each document has its own anchors.
@Suite struct YAMLAliasedLinesTests {
    private func spans(_ yaml: String) -> [String] {
        (YAMLAliasedLines.spans(in: Array(yaml.utf8)) ?? []).map { "\($0.anchor) \($0.lines.lowerBound)-\($0.lines.upperBound) @\($0.aliasLine)" }
    }

    @Test func eachKindOfNodeSpansItsOwnLines() {
        let yaml = """
            a: &s 0.0.0.0/0
            b: &m
              x: 1
              y:
                - 2
            c: &f {p: 1,
              q: 2}
            d: &t |
              text
              more

            e: &unused 1
            f: [*s, *m, *f, *t, *s]
            """
        #expect(spans(yaml) == ["s 1-1 @13", "m 2-5 @13", "f 6-7 @13", "t 8-11 @13"])
    }

    @Test func anchorsBelongToTheirDocument() {
        #expect(spans("a: &x 1\n---\nb: &x 2\nc: *x\n") == ["x 3-3 @4"])
    }

    @Test func textThatIsNotYAMLHasNoSpans() {
        #expect(YAMLAliasedLines.spans(in: Array("a: [1, 2\n".utf8)) == nil)
    }
}
