@testable import PolicyCheckRender
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// Findings in a rendered stream land in the file each object came from, on the line of that object's own document
/// when the file holds several, as placing them one at a time by scanning the whole file did for the first only.
@Suite struct RenderedPlacerTests {
    static func service(_ name: String) -> String {
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: \(name)\nspec:\n  type: LoadBalancer"
    }

    static let source = [service("lb-0"), service("lb-1")].joined(separator: "\n---\n")

    /// The stream as kustomize prints it (objects reordered), every document from `r0.yaml`.
    static let stream = RenderedStream.documents(Array([service("lb-1"), service("lb-0"), service("lb-renamed")]
        .joined(separator: "\n---\n").utf8)) { _ in "r0.yaml" }

    static func finding(line: Int) -> Finding {
        Finding(ruleId: "MMC-NET-001", title: "t", category: .network, severity: .high, resource: "r", file: "-",
                line: line, column: 3, path: "spec.type", message: "m", remediation: "r", controls: [])
    }

    @Test func eachObjectsFindingIsPlacedInItsOwnDocument() {
        var reads = 0
        var placer = RenderedPlacer(Self.stream) { path in
            reads += 1
            return path == "r0.yaml" ? Array(Self.source.utf8) : nil
        }
        let placed = [6, 13, 20, 4].map { placer.place(Self.finding(line: $0)) }
        // lb-1's type is on line 13 of the file, lb-0's on line 6; a name the file does not declare (a kustomize
        // name prefix) falls back to the first match in the file; a rendered name line to its own document's.
        #expect(placed.map { "\($0.file):\($0.line):\($0.column)" } == ["r0.yaml:13:3", "r0.yaml:6:3", "r0.yaml:6:3", "r0.yaml:11:3"])
        #expect(reads == 1)
    }

    @Test func aFindingOutsideEveryPartIsLeftWhereItIs() {
        let stream = RenderedStream(text: Array("a: 1\n".utf8), parts: [RenderedStream.Part(firstLine: 2, file: "x.yaml")])
        var placer = RenderedPlacer(stream) { _ in nil }
        #expect(placer.place(Self.finding(line: 1)).file == "-")
        #expect(placer.place(Self.finding(line: 2)).file == "x.yaml")
    }

    /// A document declaring the same name that helm never renders (inside `{{- if }}`) holds the key with another
    /// value: the exact line in the rendered document wins over the key there.
    @Test func anExactLineElsewhereWinsOverTheKeyInTheNamedDocument() {
        let source = """
            {{- if .Values.never }}
            metadata:
              name: web
              annotations:
                ranges: 10.0.0.0/8
            {{- end }}
            ---
            metadata:
              name: web
              annotations:
                ranges: 0.0.0.0/0
            """
        let stream = RenderedStream.documents(Array("metadata:\n  name: web\n  annotations:\n    ranges: 0.0.0.0/0\n".utf8)) { _ in "svc.yaml" }
        var placer = RenderedPlacer(stream) { _ in Array(source.utf8) }
        let placed = placer.place(Self.finding(line: 4))
        #expect("\(placed.line):\(placed.column)" == "11:5")
    }
}
