@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// A file of JSON objects one after another (as `kubectl apply -f` reads one) is read as the YAML stream of the same
/// documents: one Kubernetes deployment for the file, each object's findings at its own line and column.
@Suite struct KubernetesJSONStreamTests {
    typealias H = AdapterHarness

    @Test func streamObjectsAreFoundAtTheirLineAndColumn() throws {
        // A pretty-printed object, two objects on one line with nothing between them, and a `kind: List` line.
        let read = H.read(fixture: "kubernetes/fail-stream.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.deployments.count == 1)
        #expect(read.deployments.first?.format == .kubernetes)
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-011 5:65 Service/chat/open",
            "MMC-NET-003 7:249 Service/chat/next",
            "MMC-NET-004 7:249 Service/chat/next",
            "MMC-NET-006 7:249 Service/chat/next",
            "MMC-NET-011 8:227 Service/default/annotated",
        ])
        #expect(findings.last?.path == "metadata.annotations['service.beta.kubernetes.io/load-balancer-source-ranges'][1]")
    }

    static let service = #"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "open"}, "spec": {"type": "LoadBalancer", "loadBalancerSourceRanges": ["0.0.0.0/0"], "ports": [{"port": 22}]}}"#
    static let configMap = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"x": "1"}}"#
    static let template = #"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}}}}"#
    static let other = #"{"name": "not a manifest", "items": [1, 2]}"#

    /// A JSON stream reads as the YAML stream of the same documents; documents no format recognises are left out.
    @Test(arguments: [
        [other, configMap, service],
        [service, service.replacingOccurrences(of: #""open""#, with: #""again""#)],
        [template, template],
    ])
    func aJSONStreamReadsAsTheYAMLStreamOfItsDocuments(_ documents: [String]) throws {
        let json = H.read(text: documents.joined(separator: "\n") + "\n", name: "stream.json")
        // The YAML stream puts a `---` line before each document, so document n is on line 2n instead of n.
        let yaml = H.read(text: documents.map { "---\n" + $0 }.joined(separator: "\n") + "\n", name: "stream.yaml")
        #expect(json.errors.isEmpty && yaml.errors.isEmpty, "\(json.errors) \(yaml.errors)")
        #expect(json.deployments.map(\.format) == yaml.deployments.map(\.format))
        #expect(json.deployments.count == yaml.deployments.count)
        let jsonFindings = try H.findings(json.deployments)
        #expect(!jsonFindings.isEmpty)
        #expect(jsonFindings.map { "\($0.ruleId) \($0.line * 2):\($0.column) \($0.resource) \($0.path)" }
                == (try H.findings(yaml.deployments)).map { "\($0.ruleId) \($0.line):\($0.column) \($0.resource) \($0.path)" })
    }

    /// Documents of two formats in one stream: the file is read in one of them, and the other's documents would go
    /// unchecked (a review hid a Service open to the internet behind an empty Terraform plan), so they are an error
    /// at their place — in a JSON stream as in a YAML stream — and the documents read are still checked.
    @Test(arguments: [[service, template], [template, service]])
    func aStreamOfTwoFormatsIsAnError(_ documents: [String]) throws {
        for (text, name) in [(documents.joined(separator: "\n") + "\n", "stream.json"),
                             (documents.map { "---\n" + $0 }.joined(separator: "\n") + "\n", "stream.yaml")] {
            let read = H.read(text: text, name: name)
            #expect(read.errors.count == 1, "\(read.errors)")
            let message = read.errors.first?.description ?? ""
            #expect(message.contains("is kubernetes, but the file is read as cloudformation")
                    && message.contains("put each format in a file of its own"), "\(message)")
            #expect(read.deployments.map(\.format) == [.cloudFormation])
            #expect(!(try H.findings(read.deployments)).isEmpty)
        }
    }

    @Test func aProblemInALaterObjectIsAtItsPlace() {
        let text = Self.configMap + "\n" + #"{"apiVersion": "v1", "kind": "Service", "metadata": {"namespace": "chat"}, "spec": {}}"# + "\n"
        let read = H.read(text: text, name: "stream.json")
        #expect(read.deployments.isEmpty)
        #expect(read.errors.map(\.description) == ["stream.json:2:53: error: missing required field 'name' in 'metadata'"])
    }

    @Test(arguments: [
        (#"{"a": 1},"# + "\n" + #"{"b": 2}"#, "stream.json:1:9: error: expected end of input or another top-level object, found ','"),
        (#"{"a": 1}"# + "\n" + #"{"b": 2}]"#, "stream.json:2:9: error: expected end of input or another top-level object, found ']'"),
        ("{}\n" + #"{"b": 2, "b": 3}"#, #"stream.json:2:10: error: duplicate key "b""#),
    ])
    func syntaxErrorsInAStreamNameTheirLineAndColumn(text: String, message: String) {
        let read = H.read(text: text, name: "stream.json")
        #expect(read.deployments.isEmpty)
        #expect(read.errors.count == 1)
        #expect(read.errors.first?.description.hasPrefix(message) == true, "\(read.errors)")
    }
}
