import KeyMaterial
@testable import PolicyCheckRegister
import Testing

/// Which input a finding was reached through in the run that reported it (standardized within that run), and whether
/// a later run evaluated it (exactly as spelled: the fingerprint includes the spelling).
@Suite struct InputListsTests {
    static func lists(_ entries: [String: [(String, String)]]) -> InputLists {
        var lists = InputLists()
        for key in entries.keys.sorted() {
            lists.add(key, entries[key]!.map { RunRecord.Input(file: $0.0, status: $0.1) })
        }
        return lists
    }

    @Test func aFindingIsReachedThroughItsFileItsDeploymentOrTheNearestEvaluatedFolder() {
        let lists = Self.lists(["r": [
            ("k8s/a.yaml", "evaluated"), ("k8s/bad.yaml", "error"), ("app/../app", "evaluated"), ("kapp/", "evaluated"),
            ("kapp/service.yaml", "skipped"), ("charts/web", "evaluated"), ("charts/web/values.yaml", "evaluated"),
        ]])
        #expect(lists.input(reaching: "k8s/a.yaml", deployment: nil, list: "r") == "k8s/a.yaml")
        // Read in part, with findings: only a run that evaluates the file itself can say they are gone.
        #expect(lists.input(reaching: "k8s/bad.yaml", deployment: nil, list: "r") == "k8s/bad.yaml")
        // Terraform reports a module's files standardized; the module is listed as it was named.
        #expect(lists.input(reaching: "app/main.tf", deployment: nil, list: "r") == "app/../app")
        #expect(lists.input(reaching: "modules/store/main.tf", deployment: "app", list: "r") == "app/../app")
        #expect(lists.input(reaching: "kapp/service.yaml", deployment: nil, list: "r") == "kapp/")
        #expect(lists.input(reaching: "charts/web/templates/service.yaml", deployment: nil, list: "r") == "charts/web")
        // Reached through nothing the run evaluated: the file itself, or the deployment named.
        #expect(lists.input(reaching: "other/x.yaml", deployment: nil, list: "r") == "other/x.yaml")
        #expect(lists.input(reaching: "modules/x/main.tf", deployment: "/elsewhere/app", list: "r") == "/elsewhere/app")
        // A run stored before schema 5 lists nothing.
        #expect(lists.input(reaching: "app/main.tf", deployment: "app", list: nil) == "app")
        #expect(lists.input(reaching: "app/main.tf", deployment: nil, list: nil) == "app/main.tf")
    }

    @Test func theWorkingDirectoryAsOneModuleHoldsEveryRelativeFileBelowIt() {
        let lists = Self.lists(["r": [(".", "evaluated")]])
        #expect(lists.input(reaching: "main.tf", deployment: nil, list: "r") == ".")
        #expect(lists.input(reaching: "network/main.tf", deployment: nil, list: "r") == ".")
        #expect(lists.input(reaching: "../shared/main.tf", deployment: nil, list: "r") == "../shared/main.tf")
        #expect(lists.input(reaching: "/abs/main.tf", deployment: nil, list: "r") == "/abs/main.tf")
    }

    @Test func onlyTheExactSpellingEvaluatedCounts() {
        let lists = Self.lists(["r": [("k8s/a.yaml", "evaluated"), ("k8s/b.yaml", "skipped"), ("k8s/c.yaml", "error"), ("-", "evaluated")]])
        #expect(lists.evaluated("k8s/a.yaml", list: "r"))
        for other in ["./k8s/a.yaml", "k8s//a.yaml", "K8s/a.yaml", "k8s/A.yaml", "x/../k8s/a.yaml", "k8s/a.yaml/", "k8s/b.yaml", "k8s/c.yaml"] {
            #expect(!lists.evaluated(other, list: "r"), "\(other)")
        }
        // Standard input names no file; a run without a list, or a list not loaded, evaluated nothing.
        #expect(!lists.evaluated("-", list: "r"))
        #expect(!lists.evaluated("k8s/a.yaml", list: nil))
        #expect(!lists.evaluated("k8s/a.yaml", list: "other"))
    }

    /// The stored text reads back exactly, whether read directly (plain paths) or through the JSON reader (a path with
    /// a quote, a backslash, a control character, U+2028, or the `\u0000` a NUL is stored as); a text that is not a
    /// list is none.
    @Test func aStoredListReadsBackExactly() {
        let plain = RunFactory.inputs(["k8s/a.yaml", "app", "chärts/wéb", "x y/z.yaml"]) + RunFactory.inputs(["bad.yaml"], status: "error")
        let hostile = plain + RunFactory.inputs(["q\"uote.yaml", "back\\slash.yaml", "new\nline.yaml", "sep\u{2028}.yaml", "nul\\u0000.yaml",
                                                 #"{"file":"k8s/b.yaml","status":"evaluated"}"#])
        for inputs in [[], plain, hostile] {
            let stored = StoredInputList(inputs)
            #expect(StoredInputList.inputs(stored.text) == inputs)
            #expect(stored.key == Digest.sha256(Array(stored.text.utf8)))
        }
        #expect(StoredInputList(plain).text.hasPrefix(#"[{"file":"k8s/a.yaml","status":"evaluated"},{"file":"app""#))
        for text in ["", "[", "{}", "[{\"file\":\"a\"}]", "[{\"file\":\"a\",\"status\":\"evaluated\"}", "not json"] {
            #expect(StoredInputList.inputs(text) == nil, "\(text)")
        }
        // A quoted input mentioning another file is that one string, not the other file.
        var lists = InputLists()
        lists.add("h", hostile.filter { $0.file.hasPrefix("{") })
        #expect(!lists.evaluated("k8s/b.yaml", list: "h"))
    }

    @Test func standardizedResolvesDotsAsTextKeepingALeadingParent() {
        #expect(InputLists.standardized("app/./") == "app")
        #expect(InputLists.standardized("app/../app") == "app")
        #expect(InputLists.standardized("./k8s//a.yaml") == "k8s/a.yaml")
        #expect(InputLists.standardized("../../x/../y") == "../../y")
        #expect(InputLists.standardized("/a/../../b") == "/b")
        #expect(InputLists.standardized(".") == ".")
        #expect(InputLists.standardized("a/..") == ".")
    }
}
