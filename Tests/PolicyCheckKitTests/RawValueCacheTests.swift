import Foundation
import PolicyCheckKit
@testable import PolicyCheckPolicy
import PolicyCheckSyntax
import Testing

/// The resources of one projection share their `raw.<path>` values, converted once per source node and path: each
/// resource must still read its own node, exactly as it read it alone.
@Suite struct RawValueCacheTests {
    static let services = """
        apiVersion: v1
        kind: Service
        metadata: {name: www, namespace: prod, labels: {team: web}}
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.0/24, 192.0.2.0/24]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: prod}
        spec:
          type: LoadBalancer
          ports: [{port: 443}]
          loadBalancerSourceRanges: [198.51.100.0/24, 10.0.0.0/8]
        """

    static let paths = ["metadata.name", "metadata.labels.team", "spec.loadBalancerSourceRanges",
                        "spec.loadBalancerSourceRanges[1]", "spec.ports[0].port", "spec.missing", "metadata"]

    static func deployment() throws -> Deployment {
        let directory = try PackText.directory(["services.yaml": services])
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("services.yaml").path
        let read = InputReader().read(InputDiscovery.Input(path: path, displayPath: "services.yaml", isExplicit: true))
        return try #require(read.deployments.first)
    }

    static func shown(_ attribute: Attribute?) -> String {
        guard let attribute else { return "not set" }
        return "\(attribute.value) at \(attribute.origin.map { "\($0.offset) \($0.path)" } ?? "-")"
    }

    @Test func eachResourceReadsItsOwnNodeAsItWouldAlone() throws {
        let deployment = try Self.deployment()
        for kind in [ResourceKind.allowlistEntry, .allowlist] {
            let resources = ResourceCatalog.resources(kind, in: deployment)
            #expect(resources.count == (kind == .allowlist ? 2 : 5))
            for resource in resources {
                #expect(resource.rawValues != nil && resource.rawNode?.identity != nil)
                var alone = resource
                alone.rawValues = nil
                for path in Self.paths {
                    #expect(Self.shown(resource.attribute("raw." + path)) == Self.shown(alone.attribute("raw." + path)), "\(path)")
                }
            }
            let names = resources.map { Self.shown($0.attribute("raw.metadata.name")) }
            #expect(Set(names).count == 2)
        }
    }
}
