import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// One alias budget per input: a plan's `kubectl_manifest` bodies, and a module's bodies and `yamldecode()` calls,
/// share it. Each body had a budget of its own, so 60 bodies (or one body repeated by `count = 60`) each just under
/// it expanded to 3.1 GB together, and 150 aborted the run.
@Suite struct TerraformYAMLAliasBudgetTests {
    typealias Plan = TerraformPlanBuilder

    /// A body whose aliases expand to 678,995 nodes: under one read's 2,000,000, three of them over it.
    static let bomb = """
        a0: &a0 [x, x, x, x, x, x, x, x, x, x]
        a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
        a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
        a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
        a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: bomb}
        data: [*a4, *a4, *a4, *a4, *a4]

        """

    static let openService = "{apiVersion: v1, kind: Service, metadata: {name: open}, spec: {type: LoadBalancer}}"

    static let together = "YAML aliases of this input's YAML texts expand to more than 2000000 nodes together (an alias bomb?)"

    static func errors(_ deployment: Deployment) -> [String] {
        deployment.notices.filter(\.isError).map(\.message)
    }

    static func openFindings(_ deployment: Deployment) throws -> [String] {
        try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-NET-001" }.map(\.resource)
    }

    // MARK: - Plans

    @Test func bodiesEachUnderTheLimitButTogetherOverItAreRefusedAndTheRestIsJudged() throws {
        var plan = Plan()
        for index in 0..<4 {
            plan.change("kubectl_manifest.bomb\(index)", "kubectl_manifest", after: ["yaml_body": Self.bomb])
        }
        plan.change("kubectl_manifest.open", "kubectl_manifest", after: ["yaml_body": Self.openService])
        plan.change("kubectl_manifest.small", "kubectl_manifest", after: ["yaml_body": "a: &a x\nb: *a\n"])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        let prefix = ": the Kubernetes object in its YAML body cannot be checked: line"
        #expect(Self.errors(deployment) == [
            "kubectl_manifest.bomb2\(prefix) 9, column 28 of the text: \(Self.together)",
            "kubectl_manifest.bomb3\(prefix) 2, column 10 of the text: \(Self.together)",
            "kubectl_manifest.small\(prefix) 2, column 4 of the text: \(Self.together)",
        ])
        #expect(try Self.openFindings(deployment) == ["kubectl_manifest.open"], "a body without aliases is still judged")
    }

    @Test func manySmallBodiesWithAliasesAreUnaffected() throws {
        var plan = Plan()
        for index in 0..<300 {
            plan.change("kubectl_manifest.s\(index)", "kubectl_manifest", after: ["yaml_body": """
                apiVersion: v1
                kind: Service
                metadata: {name: s\(index), labels: &labels {app: s\(index), tier: db}}
                spec: {type: LoadBalancer, selector: *labels, ports: [{port: 5432}]}
                """])
        }
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(Self.errors(deployment).isEmpty)
        #expect(try Self.openFindings(deployment).count == 300)
    }

    // MARK: - Source

    static func read(_ main: String) throws -> TerraformSourceReader.Outcome {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": main])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return TerraformSourceReader().read(directory: directory, name: "module")
    }

    static func heredoc(_ text: String) -> String {
        "<<-EOT\n" + text.split(separator: "\n").map { "    \($0)\n" }.joined() + "  EOT\n"
    }

    @Test func aBodyRepeatedByCountSharesTheModulesBudget() throws {
        let outcome = try Self.read("""
            resource "kubectl_manifest" "bomb" {
              count     = 4
              yaml_body = \(Self.heredoc(Self.bomb))
            }
            resource "kubectl_manifest" "open" {
              yaml_body = "\(Self.openService)"
            }
            """)
        #expect(outcome.errors.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" } == [
            "3:15 kubectl_manifest.bomb[2]: the Kubernetes object in its YAML body cannot be checked: line 9, column 28 of the text: \(Self.together)",
            "3:15 kubectl_manifest.bomb[3]: the Kubernetes object in its YAML body cannot be checked: line 2, column 10 of the text: \(Self.together)",
        ])
        #expect(try Self.openFindings(try #require(outcome.deployment)) == ["kubectl_manifest.open"])
    }

    @Test func yamldecodeCallsRepeatedByCountShareTheModulesBudget() throws {
        let outcome = try Self.read("""
            resource "kubernetes_manifest" "bomb" {
              count    = 3
              manifest = yamldecode(\(Self.heredoc(Self.bomb)))
            }
            """)
        #expect(outcome.deployment == nil)
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains(Self.together) == true, "\(outcome.errors)")
    }

    @Test func yamldecodeCallsAndBodiesShareOneBudget() throws {
        let outcome = try Self.read("""
            resource "kubernetes_manifest" "decoded" {
              count    = 2
              manifest = yamldecode(\(Self.heredoc(Self.bomb)))
            }
            resource "kubectl_manifest" "body" {
              yaml_body = \(Self.heredoc(Self.bomb))
            }
            """)
        #expect(outcome.errors.map(\.message) == [
            "kubectl_manifest.body: the Kubernetes object in its YAML body cannot be checked: line 9, column 28 of the text: \(Self.together)",
        ])
    }

    /// `count` repeats a body's spelt nodes too, which the module's size does not bound: a module's texts make at
    /// most `maxYAMLNodes` together (10,000,000; 1,000 here), and the bodies past it are errors at the attribute.
    @Test func aLargeBodyRepeatedByCountIsBoundedWithoutAliases() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            resource "kubectl_manifest" "big" {
              count     = 3
              yaml_body = "{apiVersion: v1, kind: ConfigMap, metadata: {name: big}, data: {k: [\(Array(repeating: "x", count: 400).joined(separator: ", "))]}}"
            }
            resource "kubectl_manifest" "open" {
              yaml_body = "\(Self.openService)"
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var reader = TerraformSourceReader()
        reader.maxYAMLNodes = 1_000
        let outcome = reader.read(directory: directory, name: "module")
        let refusal = "this input's YAML texts make more than 1000 nodes together (a large text repeated by count or for_each?)"
        #expect(outcome.errors.map(\.message) == [
            "kubectl_manifest.big[2]: the Kubernetes object in its YAML body cannot be checked: line 1, column 606 of the text: \(refusal)",
            "kubectl_manifest.open: the Kubernetes object in its YAML body cannot be checked: line 1, column 1 of the text: \(refusal)",
        ])
        #expect(TerraformSourceReader().read(directory: directory, name: "module").errors.isEmpty, "under the default limit")
    }
}
