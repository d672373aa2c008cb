import Foundation
import PolicyCheckModel

/// Why a file found by walking a directory is not an input: the skip reasons for files that fail to parse and carry
/// no `InputMarkers`, and the conventional JSON-with-comments files skipped by name.
///
/// Reasons start with a short label (`JSON with comments`, `Helm template`, `not YAML`, …) so reports can count
/// skips by kind; the rest says what was seen.
public enum NotAnInput {
    /// Files that are JSON with comments by convention (TypeScript, JavaScript, VS Code, dev containers, linters):
    /// their tools accept `//` comments and trailing commas, so they are not JSON and never manifests.
    static func conventionalJSONC(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent.lowercased()
        let parent = (InputPath.parent(of: path) as NSString).lastPathComponent
        if parent == ".vscode" && name.hasSuffix(".json") { return true }
        if (name.hasPrefix("tsconfig") || name.hasPrefix("jsconfig")) && name.hasSuffix(".json") { return true }
        return jsoncNames.contains(name) || (parent == ".devcontainer" && name.hasSuffix(".json"))
    }

    static let jsoncNames: Set<String> = [
        ".devcontainer.json", "devcontainer.json", ".eslintrc.json", "tslint.json", "api-extractor.json",
        "turbo.json", "deno.json", "biome.json", ".oxlintrc.json", "typedoc.json", "nest-cli.json", "tsdoc.json",
        "language-configuration.json", "argv.json", "keybindings.json",
    ]

    /// The reason for a conventional JSON-with-comments file.
    static func byName(_ path: String) -> String {
        "JSON with comments: \((path as NSString).lastPathComponent) is a JSONC file by convention"
    }

    /// Whether a text is a Jinja template rather than a Go one: `{% … %}` statements, or cookiecutter's
    /// `{{cookiecutter.…}}` variables (tester, round 36: such files were called Helm templates).
    static func isJinja(_ text: [UInt8]) -> Bool {
        InputMarkers.contains(text, Array("{%".utf8)) || InputMarkers.contains(text, Array("{{cookiecutter".utf8))
            || InputMarkers.contains(text, Array("{{ cookiecutter".utf8))
    }

    /// The hint an error of a file holding template placeholders ends with: the placeholders are the likely cause.
    static func placeholderHint(_ text: [UInt8]) -> String? {
        guard InputMarkers.contains(text, Array("{{".utf8)) || InputMarkers.contains(text, Array("{%".utf8)) else { return nil }
        return "it holds template placeholders ({{ … }}\(isJinja(text) ? ", {% … %}" : "")), which make it an input only once rendered: render it first, or exclude it"
    }

    /// The reason for a walked file that failed to parse (`message` is the parser's one-line error, `location`
    /// where it stopped) and carries no input marker.
    static func reason(text: [UInt8], path: String, location: String, message: String) -> String {
        let first = text.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if isJinja(text) {
            let kind = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "JSON" : "YAML"
            return "Jinja template (cookiecutter, Ansible): placeholders ({{ … }}, {% … %}) make it \(kind) only once rendered"
        }
        if InputMarkers.contains(text, Array("{{".utf8)) {
            return "Helm template: Go template actions ({{ … }}) make it YAML only once rendered"
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            if InputMarkers.contains(text, Array("//".utf8)) || InputMarkers.contains(text, Array("/*".utf8)) {
                return "JSON with comments: not JSON, stops at \(location): \(message)"
            }
            return "not JSON: stops at \(location): \(message)"
        }
        return "not YAML: stops at \(location): \(message)"
    }

    /// The reason for a walked file that is not UTF-8 (or UTF-16/32 with a byte-order mark) text.
    static func notText(location: String, message: String) -> String {
        "not text: stops at \(location): \(message)"
    }
}
