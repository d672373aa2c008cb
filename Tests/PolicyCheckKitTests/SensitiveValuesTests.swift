import PolicyCheckModel
import Testing

/// `SensitiveValues` replaces the values an input marks secret wherever a message spells them, and only there.
@Suite struct SensitiveValuesTests {
    @Test func aMarkedValueIsReplacedAsAWholeTokenOnly() {
        var values = SensitiveValues()
        values.add("10.20.30.0/24")
        values.add("22")
        #expect(values.redact("allowlist entry '10.20.30.0/24' has no description")
            == "allowlist entry '(sensitive value)' has no description")
        // Port 22 is marked; the 22 inside another address is not port 22.
        #expect(values.redact("'10.22.0.0/16' opens port 22") == "'10.22.0.0/16' opens port (sensitive value)")
        // A longer token holding the value is another value (a plan marks derived values itself).
        #expect(values.redact("'10.20.30.0/240'") == "'10.20.30.0/240'")
    }

    @Test func aMarkedValueEndingASentenceIsReplaced() {
        var values = SensitiveValues()
        values.add("10.20.30.0/24")
        #expect(values.redact("the entry is 10.20.30.0/24.") == "the entry is (sensitive value).")
        #expect(values.occurs(in: "\"10.20.30.0/24\""))
        #expect(!values.occurs(in: "\"10.20.30.0/25\""))
    }

    @Test func anEmbeddableValueIsReplacedInsideLongerTexts() {
        var values = SensitiveValues()
        values.addEmbeddable("10.20.30.40")
        #expect(values.redact("allowlist entry '10.20.30.40/32' has no description")
            == "allowlist entry '(sensitive value)/32' has no description")
        #expect(values.occurs(in: "x10.20.30.40x"))
    }

    @Test func aValueWithSpacesIsFoundAnywhere() {
        var values = SensitiveValues()
        values.add("my office range")
        #expect(values.redact("named 'my office range' here") == "named '(sensitive value)' here")
    }

    @Test func booleansAndEmptyTextsAreNoSecrets() {
        var values = SensitiveValues()
        values.add("true")
        values.add("false")
        values.add("")
        #expect(values.isEmpty)
        #expect(values.redact("encrypted is false") == "encrypted is false")
    }

    @Test func overlappingValuesAreReplacedOnce() {
        var values = SensitiveValues()
        values.addEmbeddable("10.20.30.40")
        values.addEmbeddable("20.30.40.50")
        #expect(values.redact("a 10.20.30.40.50 b") == "a (sensitive value) b")
    }

    /// Values sharing their first bytes (a `NoEcho` list of CIDRs) are each found, the longest where several start
    /// at one place; their speed is the `cfn-noecho-loop` shape's (Benchmarks/shapes.sh).
    @Test func valuesSharingAPrefixAreEachFoundLongestFirst() {
        var values = SensitiveValues()
        for i in 0..<2_000 { values.addEmbeddable("10.0.\(i / 256).\(i % 256)/32") }
        values.addEmbeddable("10.0.7.1")
        #expect(values.redact("entry 10.0.7.1/32 and 10.0.7.1/31 and 10.0.9.9/32")
            == "entry (sensitive value) and (sensitive value)/31 and 10.0.9.9/32")
        var other = SensitiveValues()
        other.formUnion(values)
        #expect(other == values)
        #expect(other.occurs(in: "x10.0.3.200/32"))
    }

    /// A port range is written with an en dash (`3307–3399`): the dash separates tokens as a space does, so a
    /// marked port is found in it (reviewer, round 27; bytes at or above 0x80 joined the run before).
    @Test func anEnDashSeparatesTokens() {
        var values = SensitiveValues()
        values.add("3307")
        values.addEmbeddable("222")
        #expect(values.redact("on ports 3307–3399") == "on ports (sensitive value)–3399")
        #expect(values.redact("on ports 222—230") == "on ports (sensitive value)—230")
        #expect(values.redact("port\u{00A0}3307") == "port\u{00A0}(sensitive value)")
        #expect(values.redact("café3307") == "café3307")
    }
}
