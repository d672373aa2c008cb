import PolicyCheckModel
import Testing

/// The path of a list's item, written without interpolation, spells what interpolation spelt.
@Suite struct ObjectViewItemPathTests {
    @Test(arguments: [0, 7, 9, 10, 99, 100, 12_345, 1_000_000, Int.max])
    func itemPathsSpellTheIndexInBrackets(index: Int) {
        #expect(ObjectView.itemPath("resource_changes", index) == "resource_changes[\(index)]")
        #expect(ObjectView.itemPath("", index) == "[\(index)]")
        #expect(ObjectView.itemPath("données.ü", index) == "données.ü[\(index)]")
    }
}
