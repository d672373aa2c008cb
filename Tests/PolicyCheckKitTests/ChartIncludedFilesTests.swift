@testable import PolicyCheckRender
import Testing

/// A chart's data file is left to the render only when splitting it at `---` lines, as helm's output is split,
/// reads it as YAML does: a document written on its marker line (`--- {kind: Service, …}`) would otherwise hide a
/// Service from the comparison and from every check (the second review of round 17).
@Suite struct ChartIncludedFilesTests {
    @Test(arguments: [
        ("a: 1\n--- {apiVersion: v1, kind: Service}\n", true),
        ("a: 1\n--- !!map\nb: 2\n", true),
        ("a: 1\n--- &x\nb: 2\n", true),
        ("a: 1\n...\n", true),
        ("%YAML 1.2\n---\na: 1\n", true),
        ("a: 1\n---\nb: 2\n", false),
        ("a: 1\n---   # next\nb: 2\r\n---\r\n", false),
    ])
    func markerLinesThatCarryMoreThanASplit(text: String, carries: Bool) {
        #expect(ChartIncludedFiles.hasMarkerWithContent(Array(text.utf8)) == carries, "\(text)")
    }

    @Test func theSplitMustFindEveryDocumentTheParserReads() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n--- {apiVersion: v1, kind: Service, metadata: {name: b}}\n"
        let split = ChartIncludedFiles.documents(Array(text.utf8), droppingSourceComments: false)
        #expect(split.count == 1)
        #expect(!ChartIncludedFiles.isKubernetesOnly(Array(text.utf8), documents: split.count))
    }
}
