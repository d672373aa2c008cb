@testable import PolicyCheckInput
import Testing

/// A cookiecutter or Ansible (Jinja) file is named so, not a Helm template, and an error of a file holding template
/// placeholders says they are the likely cause (tester, round 36: aws-sam-cli-app-templates).
@Suite struct JinjaTemplateSkipTests {
    @Test func jinjaFilesAreNamedSo() {
        let json = Array(#"{ "profile": "", {%- if cookiecutter.arch == "arm64" %} "arch": "arm64" {%- endif %} }"#.utf8)
        #expect(NotAnInput.reason(text: json, path: "a.json", location: "1:16", message: "x")
            == "Jinja template (cookiecutter, Ansible): placeholders ({{ … }}, {% … %}) make it JSON only once rendered")
        let helm = Array("apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n".utf8)
        #expect(NotAnInput.reason(text: helm, path: "svc.yaml", location: "4:9", message: "x")
            == "Helm template: Go template actions ({{ … }}) make it YAML only once rendered")
        #expect(NotAnInput.placeholderHint(Array("a: {{cookiecutter.x}}".utf8))?.contains("render it first, or exclude it") == true)
        #expect(NotAnInput.placeholderHint(Array("a: b".utf8)) == nil)
    }
}
