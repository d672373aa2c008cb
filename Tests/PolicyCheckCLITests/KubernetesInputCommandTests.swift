import Foundation
import Testing

/// End-to-end: Kubernetes objects as real repositories write them — GKE's internal load balancers, custom kinds
/// that are not capitalised, annotations kubectl would refuse.
@Suite struct KubernetesInputCommandTests {
    typealias CLI = PolicyCheckProcess


    static func service(annotation: String? = nil, loadBalancerClass: String? = nil) -> String {
        var text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: pg-ilb\n"
        if let annotation { text += "  annotations:\n    \(annotation)\n" }
        text += "spec:\n  type: LoadBalancer\n"
        if let loadBalancerClass { text += "  loadBalancerClass: \(loadBalancerClass)\n" }
        return text + "  ports:\n  - port: 5432\n"
    }

    @Test("GKE's internal class and both internal annotations pass; its external class is still internet-facing",
          arguments: [
              (KubernetesInputCommandTests.service(loadBalancerClass: "networking.gke.io/l4-regional-internal"), Int32(0)),
              (KubernetesInputCommandTests.service(annotation: "networking.gke.io/load-balancer-type: \"Internal\""), 0),
              (KubernetesInputCommandTests.service(annotation: "cloud.google.com/load-balancer-type: \"Internal\""), 0),
              (KubernetesInputCommandTests.service(loadBalancerClass: "networking.gke.io/l4-regional-external"), 1),
              (KubernetesInputCommandTests.service(loadBalancerClass: "example.com/metallb"), 1),
          ] as [(String, Int32)])
    func gkeInternalLoadBalancers(text: String, status: Int32) throws {
        let directory = try CLI.directory(with: ["svc.yaml": text])
        let result = try CLI.run(["check", "svc.yaml", "--now", "2026-11-29"], in: directory)
        #expect(result.status == status, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("MMC-NET-001") == (status == 1), "\(result.stdout)")
    }

    static let postgresql = """
        apiVersion: "acid.zalan.do/v1"
        kind: postgresql
        metadata:
          name: my-cluster
        spec:
          teamId: "my-team"
          numberOfInstances: 3

        """

    @Test func aKindThatIsNotCapitalisedIsAKubernetesObject() throws {
        let directory = try CLI.directory(with: ["my-cluster.yaml": Self.postgresql])
        let result = try CLI.run(["check", "my-cluster.yaml", "--now", "2026-11-29"], in: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 file checked"), "\(result.stdout)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl"), "kubectl is not installed"))
    func aKustomizationOfAKindThatIsNotCapitalisedIsChecked() throws {
        let directory = try CLI.directory(with: ["kz/kustomization.yaml": "resources:\n- my-cluster.yaml\n",
                                       "kz/my-cluster.yaml": Self.postgresql])
        let result = try CLI.run(["check", "kz", "--now", "2026-11-29"], in: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("nothing to check"), "\(result.stdout)")
    }

    @Test func anAnnotationKubectlWouldRefuseFailsTheRunAtItsValue() throws {
        let text = Self.service(annotation: "service.beta.kubernetes.io/aws-load-balancer-internal: true")
        let directory = try CLI.directory(with: ["svc.yaml": text])
        let result = try CLI.run(["check", "svc.yaml", "--now", "2026-11-29"], in: directory)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("svc.yaml:6:60: error: annotation 'service.beta.kubernetes.io/aws-load-balancer-internal' must be a string, found a boolean"), "\(result.stdout)")
        let quoted = try CLI.directory(with: ["svc.yaml": Self.service(annotation: "service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"")])
        #expect(try CLI.run(["check", "svc.yaml", "--now", "2026-11-29"], in: quoted).status == 0)
    }
}
