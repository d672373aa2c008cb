@testable import PolicyCheckInput
@testable import PolicyCheckKit
import Testing

/// The byte markers that keep a walked file that does not parse an error (see `InputMarkers`).
@Suite struct InputMarkersTests {
    @Test(arguments: [
        ("apiVersion: v1\nkind: Pod\n", "apiVersion"),
        ("ApiVersion: v1\n", "apiVersion"),
        ("AWSTemplateFormatVersion: '2010-09-09'\n", "AWSTemplateFormatVersion"),
        ("Resources: {B: {Type: 'AWS::S3::Bucket'}}", "an AWS:: resource type"),
        ("Resources: {Db: {Type: 'Acme::Data::Cluster::MODULE'", "a CloudFormation module's ::MODULE type"),
        ("{\"format_version\": \"1.2\"}", "format_version"),
        ("{\"Affinity\": \"isolated\", \"DNSNames\": []}", "DNSNames"),
        ("{\"allowed_ip_ranges\": []}", "allowed_ip_ranges"),
        ("\"api\\u0056ersion\": v1", "a \\u escape (it can spell a key)"),
        ("? !!binary YXBpVmVyc2lvbg==\n: v1", "a !!binary tag (it can spell a key)"),
        ("%TAG !e! tag:yaml.org,2002:\n---\n", "a %TAG directive (it can rename tags)"),
        ("apiVer\u{17F}ion: v1", "U+017F (Go folds it to 's')"),
        ("\u{212A}ind: Pod", "U+212A (Go folds it to 'k')"),
    ])
    func markersAreFound(text: String, marker: String) {
        #expect(InputMarkers.marker(in: Array(text.utf8)) == marker)
    }

    @Test func utf16WithoutAByteOrderMarkIsSearchedToo() {
        let utf16 = Array("apiVersion: v1".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(InputMarkers.marker(in: utf16) == "apiVersion")
    }

    @Test(arguments: [
        "{\n  // comment\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
        "services:\n  web:\n    image: nginx\n",
        "title: {{ .Values.title }}\n",
        "name: ci\non: [push]\njobs: {}\n",
    ])
    func ordinaryFilesCarryNoMarker(text: String) {
        #expect(InputMarkers.marker(in: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("tsconfig.json", true), ("web/tsconfig.app.json", true), ("jsconfig.json", true), (".vscode/launch.json", true),
        (".devcontainer/devcontainer.json", true), (".devcontainer.json", true), ("deploy/service.json", false),
        ("package.json", false),
    ])
    func conventionalJSONCFilesAreKnownByName(path: String, isJSONC: Bool) {
        #expect(NotAnInput.conventionalJSONC(path) == isJSONC)
    }

    @Test func reasonsNameWhatWasSeen() {
        #expect(NotAnInput.reason(text: Array("a: {{ x }}".utf8), path: "a.yaml", location: "1:4", message: "m").hasPrefix("Helm template: "))
        #expect(NotAnInput.reason(text: Array("{ // c\n}".utf8), path: "a.json", location: "1:3", message: "m") == "JSON with comments: not JSON, stops at 1:3: m")
        #expect(NotAnInput.reason(text: Array("{ ,}".utf8), path: "a.json", location: "1:3", message: "m") == "not JSON: stops at 1:3: m")
        #expect(NotAnInput.reason(text: Array("a: [".utf8), path: "a.yaml", location: "1:5", message: "m") == "not YAML: stops at 1:5: m")
    }
}
