import Foundation
@testable import PolicyCheckRender
import Testing

/// A tool's standard error becomes one line that keeps the cause and is the same on every run: klog's header (date,
/// time, process id) dropped, a multi-line `err=<` block joined, paths relative to the checkout, no control
/// characters, bounded — checked on kubectl's own output.
@Suite struct ToolMessageTests {
    static let checkout = "/home/ci/repo"

    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: Fixture.path("kubectl-stderr/\(name).txt")))
    }

    static func summary(_ name: String) throws -> String {
        ToolMessage.summary(try sample(name), workingDirectory: checkout)
    }

    @Test func aComponentBuiltAloneSaysWhichPatchFoundNoTarget() throws {
        #expect(try Self.summary("component") == #"no resource matches strategic merge patch "Service.v1.[noGrp]/frontend-external.[noNs]": no matches for Id Service.v1.[noGrp]/frontend-external.[noNs]; failed to find unique target for patch Service.v1.[noGrp]/frontend-external.[noNs]"#)
    }

    /// kustomize echoes a `secretGenerator`'s literals, and the Secret value a replacement found of the wrong kind:
    /// withheld, the cause kept (tester, round 36).
    @Test func contentKustomizeEchoesIsWithheld() throws {
        let literals = try Self.summary("secret-literals")
        #expect(literals == "loading KV pairs: literal sources [(not shown: it may hold a secret)]; a literal is not written key=value")
        let node = try Self.summary("secret-node")
        #expect(node == #"unable to find field "stringData.password.user" in replacement target: wrong node kind: expected MappingNode but got ScalarNode: node contents: (not shown: it may hold a secret)"#)
        for text in [literals, node] {
            #expect(!text.contains("Hunter2") && !text.contains("ghp_"))
        }
        #expect(ToolMessage.withheldContents("invalid literal source a]b, expected key=value")
            == "invalid literal source (not shown: it may hold a secret); a literal is not written key=value")
        #expect(ToolMessage.withheldContents("unable to parse SM or JSON patch from [apiVersion: v1 data: {k: c2VjcmV0}]")
            == "unable to parse SM or JSON patch from [ (not shown: it may hold a secret)")
        #expect(ToolMessage.withheldContents("no matches for Id Service.v1.[noGrp]/x") == "no matches for Id Service.v1.[noGrp]/x")
        // A replacement's source value, an object printed whole, a value helm could not render (hostile tester,
        // round 36).
        #expect(ToolMessage.withheldContents("options.index 5 is out of bounds for value Hunter2-RepIdx")
            == "options.index 5 is out of bounds for value (not shown: it may hold a secret)")
        #expect(ToolMessage.withheldContents(#"missing metadata.name in object {{v1 Secret} {{ } map[] map[a:{"data":{"p":"SHVu"}}]}}"#)
            == "missing metadata.name in object (not shown: it may hold a secret)")
        let tpl = ToolMessage.withheldContents(#"Error: template: c/templates/cm.yaml:6:4: executing "c/templates/cm.yaml" at <tpl (toYaml .Values.customConfig) .>: error calling tpl: error during tpl function execution for "sinks:\n  key: \"Hunter2\" {{ .x": parse error in "gotpl": template: gotpl:1: unclosed action"#)
        #expect(!tpl.contains("Hunter2") && tpl.hasSuffix(#"error during tpl function execution for (not shown: it may hold a secret): parse error in "gotpl": template: gotpl:1: unclosed action"#), "\(tpl)")
        #expect(ToolMessage.withheldContents(#"cannot parse template "a: {{ .Values.secret": template: x:1: unclosed action"#)
            == "cannot parse template (not shown: it may hold a secret): template: x:1: unclosed action")
    }

    /// helm quotes a `--helm-set` value it splits at a comma, or cannot parse: withheld (review, round 36).
    @Test func helmSetValuesAreWithheldFromHelmsErrors() {
        let sets = ["db.password=abc,Xy9.Pq7Zk2", "image.repository=templates", "enabled=true"]
        // helm's parser errors quote pieces of the value however it split them: all withheld.
        for error in [#"Error: failed parsing --set data: key "Pq7Zk2" has no value (cannot end with ,)"#,
                      #"Error: failed parsing --set data: strconv.Atoi: parsing "Secr3tIdx": invalid syntax"#] {
            #expect(HelmRenderer.withoutSetValues(error, sets: sets) == "Error: failed parsing --set: (not shown: it may hold a secret)")
        }
        #expect(HelmRenderer.withoutSetValues("failed parsing key \"db\" with value Hunter2[", sets: ["db=Hunter2["])
            == "failed parsing key \"db\" with value (not shown: it may hold a secret)")
        // Elsewhere a value of a secret's length is withheld wherever it appears (a long value that is also a path
        // part is withheld there too: safer than shown), short words are not.
        #expect(HelmRenderer.withoutSetValues(#"Error: template: c/templates/cm.yaml:3: executing at <.Values.x>: true is not Xy9.Pq7Zk2-long"#,
                                              sets: ["enabled=true", "token=Xy9.Pq7Zk2-long"])
            == #"Error: template: c/templates/cm.yaml:3: executing at <.Values.x>: true is not (not shown: it may hold a secret)"#)
        #expect(HelmRenderer.withoutSetValues("a secret", sets: ["a=secret", "b=not shown: it may hold a secret"]) == "a secret")
    }

    /// The caller's values are withheld before the line is bounded: a value the bound would cut is not left in part.
    @Test func valuesAreWithheldBeforeTheLineIsBounded() {
        let secret = "Hunter2-Secret-Value"
        let stderr = Data(("Error: " + String(repeating: "x", count: 785) + " " + secret + " tail\n").utf8)
        let line = ToolMessage.summary(stderr, workingDirectory: "/nowhere",
                                       withhold: { HelmRenderer.withoutSetValues($0, sets: ["db.password=" + secret]) })
        #expect(!line.contains("Hunter2"), "\(line.suffix(40))")
    }

    @Test func theSameErrorOnAnotherRunIsTheSameMessage() throws {
        #expect(try Self.sample("component") != Self.sample("component-again"))
        #expect(try Self.summary("component") == Self.summary("component-again"))
    }

    @Test func aMultiLineErrorKeepsItsCause() throws {
        #expect(try Self.summary("multiple") == "Found multiple kustomization files under: multi")
        let remote = try Self.summary("remote-base")
        #expect(remote.hasPrefix("accumulating resources: accumulation err='accumulating resources from 'https://github.com/example-org/example-repo//deploy?ref=v1.0.0': Get "), "\(remote)")
        #expect(remote.hasSuffix("does not appear to be a git repository fatal: Could not read from remote repository. Please make sure you have the correct access rights and the repository exists.: exit status 128"), "\(remote)")
        #expect(!remote.contains("err=<") && !remote.contains(" >"), "\(remote)")
    }

    @Test func pathsBelowTheCheckoutAreShownRelativeToIt() throws {
        #expect(try Self.summary("missing") == "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'deploy'")
        #expect(try Self.summary("deprecated").contains("evalsymlink failure on 'dep/nothere.yaml' : lstat dep/nothere.yaml: no such file"))
    }

    @Test func theErrorIsChosenOverAWarningPrintedBeforeIt() throws {
        #expect(try Self.summary("deprecated").hasPrefix("accumulating resources: "))
        #expect(try Self.summary("badyaml") == "invalid Kustomization: yaml: line 3: mapping values are not allowed in this context")
        let helm = Data("walk.go:75: found symbolic link in path\nError: found in Chart.yaml, but missing in charts/ directory: mysql\n".utf8)
        #expect(ToolMessage.summary(helm, workingDirectory: Self.checkout) == "Error: found in Chart.yaml, but missing in charts/ directory: mysql")
    }

    @Test func noMessageHoldsAControlCharacterOrKlogHeader() throws {
        let names = ["component", "component-again", "missing", "multiple", "remote-base", "badyaml", "deprecated", "escape"]
        for name in names {
            let message = try Self.summary(name)
            #expect(!message.isEmpty, "\(name)")
            #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(name): \(message)")
            #expect(!message.contains("run.go") && !message.contains("E1204"), "\(name): \(message)")
            #expect(message.count <= ToolMessage.limit + 1, "\(name)")
        }
        // Go quoted the ESC in the file name: it stays visible text, never becomes the character.
        #expect(try Self.summary("escape").contains(#"x\x1b[31mred.yaml"#))
    }

    @Test func rawEscapeSequencesAndFormatCharactersAreDropped() {
        let raw = Data("E1204 22:01:02.123456   12345 run.go:72] \"command failed\" err=<\n\t\u{1B}[31mfatal:\u{1B}[0m bad\u{202E}txt.yaml\n\t\u{1B}]0;title\u{07}repository\n >\n".utf8)
        #expect(ToolMessage.summary(raw, workingDirectory: Self.checkout) == "fatal: badtxt.yaml repository")
    }

    @Test func aLongMessageIsCutAtTheLimit() {
        let long = Data(("E1204 22:01:02.123456   12345 run.go:72] \"command failed\" err=\"" + String(repeating: "x", count: 5_000) + "\"\n").utf8)
        let message = ToolMessage.summary(long, workingDirectory: Self.checkout)
        #expect(message.count == ToolMessage.limit + 1)
        #expect(message.hasSuffix("…"))
    }

    @Test func klogsOtherShapesAreRead() {
        #expect(ToolMessage.structured(#""render failed" err="boom" chart="web""#) == "render failed: boom")
        #expect(ToolMessage.structured(#""no error here" path="a b""#) == "no error here path=a b")
        #expect(ToolMessage.structured("plain text, not structured") == "plain text, not structured")
        #expect(ToolMessage.klogHeader("E1204 22:01:02.123456   12345 run.go:72] x")?.0 == "E")
        #expect(ToolMessage.klogHeader("Error: not klog") == nil)
        #expect(ToolMessage.relative("'/home/ci/repo' and /home/ci/repo/a and /home/ci/repository and /x/home/ci/repo/b",
                                     to: Self.checkout) == "'.' and a and /home/ci/repository and /x/home/ci/repo/b")
    }
}
