import Foundation
import Testing

/// End-to-end: the Gateway API objects the AWS Load Balancer Controller's own ingress2gateway migration writes for an
/// internet-facing ALB Ingress (`Fixtures/real-world/aws-load-balancer-controller-gateway/`, see its PROVENANCE.md).
@Suite struct GatewayCommandTests {
    typealias CLI = PolicyCheckProcess

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "PolicyCheckKitTests/Fixtures/real-world/aws-load-balancer-controller-gateway")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appending(path: name), encoding: .utf8)
    }

    @Test func theMigratedGatewayFailsAsTheIngressItReplacesDoes() throws {
        let gateway = try Self.fixture("expected_vanilla_gateway.yaml")
        let directory = try CLI.directory(with: ["ingress.yaml": try Self.fixture("vanilla_ingress.yaml"), "gateway.yaml": gateway])
        let result = try CLI.run(["check", ".", "--now", "2026-11-29"], in: directory)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        // Both admit every address on port 80: the Gateway at its configuration's scheme.
        #expect(result.stdout.contains("gateway.yaml:14:11 high MMC-NET-011 '0.0.0.0/0' admits every IPv4 address on port 80"),
                "\(result.stdout)")
        #expect(result.stdout.contains("[Gateway/vanilla-ns/vanilla-gateway-86d474571f]"), "\(result.stdout)")
        #expect(result.stdout.contains("[Ingress/vanilla-ns/vanilla-ingress]"), "\(result.stdout)")
    }

    @Test func sourceRangesInTheGatewaysConfigurationPassIt() throws {
        let restricted = try Self.fixture("expected_vanilla_gateway.yaml")
            .replacingOccurrences(of: "  scheme: internet-facing\n", with: "  scheme: internet-facing\n  sourceRanges:\n  - 52.20.12.0/24\n")
        let directory = try CLI.directory(with: ["gateway.yaml": restricted])
        let result = try CLI.run(["check", "gateway.yaml", "--now", "2026-11-29"], in: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func theClassAndConfigurationInAPlatformFileServeTheGatewayInAnother() throws {
        // The GatewayClass and LoadBalancerConfiguration in one file, the Gateway and its route in another.
        let documents = try Self.fixture("expected_vanilla_gateway.yaml").components(separatedBy: "---\n")
        let platform = documents[0] + "---\n" + documents[1]
        let app = documents.dropFirst(2).joined(separator: "---\n")
        let directory = try CLI.directory(with: ["platform/gateway.yaml": platform, "apps/gateway.yaml": app])
        let result = try CLI.run(["check", ".", "--now", "2026-11-29"], in: directory)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("platform/gateway.yaml:14:11 high MMC-NET-011"), "\(result.stdout)")
        // Checked alone, the Gateway names a configuration the run does not hold: it cannot be verified.
        let alone = try CLI.run(["check", "apps/gateway.yaml", "--now", "2026-11-29"], in: directory)
        #expect(alone.stdout.contains("cannot be verified"), "\(alone.stdout)")
    }
}
