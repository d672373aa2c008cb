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

    /// A Deployment and a Service of one name in one file: the Service's finding on its `ports:` is placed in the
    /// Service's document, not on the Deployment's `ports:` earlier in the file (tester round 32).
    @Test func anObjectsFindingIsPlacedInTheDocumentOfItsKindAndName() {
        let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
            + "      containers:\n        - name: web\n          ports:\n            - containerPort: 8080"
        let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80"
        let source = deployment + "\n---\n" + service
        let stream = RenderedStream.documents(Array((service + "\n---\n" + deployment).utf8)) { _ in "app.yaml" }
        var placer = RenderedPlacer(stream) { path in path == "app.yaml" ? Array(source.utf8) : nil }
        // The stream's line 7 is the Service's `ports:`; the file's is line 19 (the Deployment's is line 10).
        let placed = placer.place(Self.finding(line: 7))
        #expect("\(placed.file):\(placed.line):\(placed.column)" == "app.yaml:19:3")
    }

    /// The same when the source quotes its kind or name (kubectl prints them plain), or a build renamed the object
    /// (`namePrefix: prod-`): the document of its kind whose name the rendered name holds (tester round 32).
    @Test func aQuotedOrRenamedObjectsFindingIsPlacedInItsOwnDocument() {
        let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
            + "      containers:\n        - name: web\n          ports:\n            - containerPort: 8080"
        func service(_ kind: String, _ name: String) -> String {
            "apiVersion: v1\nkind: \(kind)\nmetadata:\n  name: \(name)\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80"
        }
        for (source, renderedName) in [(service("\"Service\"", "web"), "web"), (service("Service", "'web'"), "web"),
                                       (service("Service", "web"), "prod-web")] {
            let file = deployment + "\n---\n" + source
            let stream = RenderedStream.documents(Array((service("Service", renderedName) + "\n---\n" + deployment).utf8)) { _ in "app.yaml" }
            var placer = RenderedPlacer(stream) { path in path == "app.yaml" ? Array(file.utf8) : nil }
            let placed = placer.place(Self.finding(line: 7))
            #expect("\(placed.file):\(placed.line):\(placed.column)" == "app.yaml:19:3", "\(source)")
        }
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

    /// A kustomize build's object from a compliant base that an overlay's patch opened: the rendered value is found
    /// in the patch (as written, else as a JSON 6902 `value`), not at the base's line for the key's old value; a
    /// value the base itself spells stays in the base.
    @Test func aValueOnlyAPatchSpellsIsPlacedInThePatch() {
        let base = "kind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n  ports:\n    - port: 443\n"
        let strategic = "kind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n"
        let json6902 = "# value: 0.0.0.0/0 in a comment is not it\n- op: add\n  path: /spec/loadBalancerSourceRanges\n  value: [\"0.0.0.0/0\"]\n"
        let rendered = "kind: Service\nmetadata:\n  name: web\nspec:\n  loadBalancerSourceRanges:\n  - 0.0.0.0/0\n  ports:\n  - port: 443\n  type: LoadBalancer\n"
        let files = ["base.yaml": base, "overlay/lb.yaml": strategic, "overlay/open.json.yaml": json6902]
        var stream = RenderedStream.documents(Array(rendered.utf8)) { _ in "base.yaml" }
        stream.patches = [RenderedStream.Patch(file: "overlay/lb.yaml", target: nil),
                          RenderedStream.Patch(file: "overlay/open.json.yaml", target: .init(kind: "Service", name: "web"))]
        var placer = RenderedPlacer(stream) { files[$0].map { Array($0.utf8) } }
        let placed = [9, 6, 8].map { placer.place(Self.finding(line: $0)) }
        #expect(placed.map { "\($0.file):\($0.line):\($0.column)" }
                == ["overlay/lb.yaml:5:3", "overlay/open.json.yaml:4:3", "base.yaml:7:7"])

        // Without the patches (helm, or a build that applied none) the key's line in the base, as before.
        stream.patches = []
        var alone = RenderedPlacer(stream) { files[$0].map { Array($0.utf8) } }
        let key = alone.place(Self.finding(line: 9))
        #expect("\(key.file):\(key.line)" == "base.yaml:5")
    }

    /// The review's bypass: another object's patch (a waived component's) spells the same line; a finding on `web`
    /// must never be placed there — a waiver of that file would cover it — nor in a JSON patch targeting another
    /// object.
    @Test func aFindingIsNeverPlacedInAnotherObjectsPatch() {
        let base = "kind: Service\nmetadata:\n  name: web\nspec: {type: ClusterIP, ports: [{port: 22}]}\n"
        let adminPatch = "kind: Service\nmetadata:\n  name: admin\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 22\n"
        let adminJSON = "- op: add\n  path: /spec/loadBalancerSourceRanges\n  value: [\"0.0.0.0/0\"]\n"
        let rendered = "kind: Service\nmetadata:\n  name: web\nspec:\n  loadBalancerSourceRanges:\n  - 0.0.0.0/0\n  ports:\n  - port: 22\n  type: LoadBalancer\n"
        let files = ["base.yaml": base, "component/admin.yaml": adminPatch, "component/admin.json.yaml": adminJSON]
        var stream = RenderedStream.documents(Array(rendered.utf8)) { _ in "base.yaml" }
        stream.patches = [RenderedStream.Patch(file: "component/admin.yaml", target: nil),
                          RenderedStream.Patch(file: "component/admin.json.yaml", target: .init(kind: "Service", name: "admin"))]
        var placer = RenderedPlacer(stream) { files[$0].map { Array($0.utf8) } }
        let placed = [7, 9, 6].map { placer.place(Self.finding(line: $0)) }
        #expect(placed.allSatisfy { $0.file == "base.yaml" }, "\(placed.map { "\($0.file):\($0.line)" })")
    }
}
