@testable import PolicyCheckKit
import Testing

/// A `.yaml` file whose text starts with `{` is read as JSON (`SourceSyntax`): external-secrets' `docs/snippets`
/// wrap manifests in `{% raw %}` … `{% endraw %}`, and the error said only `expected a member name in double quotes,
/// found '%'`, a JSON grammar message on a YAML file. It now says why the file was read as JSON.
@Suite struct YAMLReadAsJSONMessageTests {
    typealias H = AdapterHarness

    @Test func aYAMLFileReadAsJSONSaysSo() {
        let read = H.read(text: "{% raw %}\napiVersion: v1\nkind: Service\n", name: "docs/snippets/service.yaml")
        #expect(read.errors.map(\.description) == [
            "docs/snippets/service.yaml:1:2: error: read as JSON, as its text starts with '{': expected a member name in double quotes, found '%'",
        ])
    }

    @Test func aJSONFileOrAYAMLReadAsYAMLIsUnchanged() {
        let json = H.read(text: "{% raw %}\n", name: "service.json")
        #expect(json.errors.map(\.message) == ["expected a member name in double quotes, found '%'"])
        // With a `---` line it is read as the YAML stream it is, and YAML's message needs no note.
        let yaml = H.read(text: "{% raw %}\n---\napiVersion: v1\n", name: "service.yaml")
        #expect(yaml.errors.allSatisfy { !$0.message.hasPrefix("read as JSON") })
    }
}
