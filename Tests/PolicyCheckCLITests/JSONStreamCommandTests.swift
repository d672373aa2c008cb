import Foundation
import Testing

/// End-to-end: a file of JSON objects one after another (argo-cd's `json-list/list.json`, newline-delimited JSON) is
/// checked as a stream of documents; anything else after a top-level value is a one-line error with its place.
@Suite struct JSONStreamCommandTests {
    typealias CLI = PolicyCheckProcess

    @Test func objectsOneAfterAnotherAreChecked() throws {
        let result = try CLI.run(["check", CLI.fixture("json-stream/pass-configmaps.json"), "--now", "2026-11-29"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS — 1 file checked, 1 deployment: no findings"), "\(result.stdout)")
    }

    @Test func aLaterObjectsFindingNamesItsLineAndColumn() throws {
        let result = try CLI.run(["check", CLI.fixture("json-stream/fail-load-balancers.json"), "--now", "2026-11-29",
                                  "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { "\($0["ruleId"]!) \($0["line"]!):\($0["column"]!) \($0["resource"]!)" }
                == ["MMC-NET-001 2:153 Service/chat/ssh"])
        #expect((json["errors"] as? [Any])?.isEmpty == true)
    }

    static let object = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}"#

    @Test(arguments: [
        (object + ",\n" + object, "-:1:69: error: expected end of input or another top-level object, found ',' "
         + "(top-level objects are separated by whitespace, not commas)"),
        (object + " x\n", "-:1:70: error: expected end of input or another top-level object, found 'x'"),
        (object + "\n" + object + "]\n", "-:2:69: error: expected end of input or another top-level object, found ']'"),
        ("[" + object + "]\n[" + object + "]\n", "-:2:1: error: expected end of input after the top-level value, "
         + "found '[' (only objects may follow one another at the top level)"),
        (object + "\n{\"a\": 1, \"a\": 2}\n", #"-:2:10: error: duplicate key "a""#),
    ])
    func anythingButAnotherObjectAfterADocumentIsAnErrorWithItsPlace(input: String, error: String) throws {
        let result = try CLI.run(["check", "-", "--now", "2026-11-29"], stdin: input)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").filter { $0.contains("error:") }
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) } == [error], "\(result.stdout)")
    }
}
