@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// A Service's scheme is decided by the annotations of the controller that reconciles it, read as that controller
/// compares them: another cloud's "internal" annotation cannot hide an internet-facing load balancer.
@Suite struct ServiceControllerAnnotationTests {
    typealias H = AdapterHarness

    static func service(_ annotations: [String], loadBalancerClass: String? = nil) -> String {
        LoadBalancerServiceText.make(name: "pg", annotations: annotations, loadBalancerClass: loadBalancerClass, port: 5432)
    }

    static let internetFacing = "service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing"
    static let azureInternal = "service.beta.kubernetes.io/azure-load-balancer-internal: \"true\""
    static let gkeInternal = "networking.gke.io/load-balancer-type: Internal"

    @Test("Only AWS's annotations decide for a Service the AWS Load Balancer Controller reconciles", arguments: [
        ServiceControllerAnnotationTests.service([internetFacing, azureInternal], loadBalancerClass: "service.k8s.aws/nlb"),
        ServiceControllerAnnotationTests.service([internetFacing, gkeInternal], loadBalancerClass: "service.k8s.aws/nlb"),
        ServiceControllerAnnotationTests.service(["service.beta.kubernetes.io/aws-load-balancer-type: external",
                                                  internetFacing, azureInternal]),
        // A class no cloud provider reconciles: no cloud's internal annotation applies.
        ServiceControllerAnnotationTests.service([azureInternal, gkeInternal], loadBalancerClass: "example.com/metallb"),
    ])
    func anotherCloudsInternalAnnotationDoesNotHideIt(text: String) throws {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let findings = try H.findings(read.deployments)
        #expect(findings.map(\.ruleId) == ["MMC-NET-001"], "\(H.summary(findings))")
    }

    @Test func azureIsInternalOnlyForExactlyTrue() throws {
        for (value, isInternal) in [("\"true\"", true), ("\"TRUE\"", false), ("\"True\"", false)] {
            let read = H.read(text: Self.service(["service.beta.kubernetes.io/azure-load-balancer-internal: \(value)"]))
            #expect(try H.findings(read.deployments).isEmpty == isInternal, "\(value)")
        }
        // The cloud's own annotations still decide where no class hands the Service elsewhere.
        #expect(try H.findings(H.read(text: Self.service([Self.gkeInternal])).deployments).isEmpty)
    }

    /// The in-tree AWS provider's NLB (`aws-load-balancer-type: nlb`) reads no other cloud's annotation (review).
    @Test func aServiceAddressedToAWSIgnoresOtherCloudsAnnotations() throws {
        for other in [Self.azureInternal, Self.gkeInternal] {
            let read = H.read(text: Self.service(["service.beta.kubernetes.io/aws-load-balancer-type: nlb", other]))
            #expect(try H.findings(read.deployments).map(\.ruleId) == ["MMC-NET-001"], "\(other)")
        }
    }

    @Test func theInTreeControllerIsInternetFacingOnlyForExactlyFalse() throws {
        // cloud-provider-aws compares `== "false"`, then `!= ""`: "False" and "FALSE" make an internal load balancer.
        let flag = "service.beta.kubernetes.io/aws-load-balancer-internal"
        for (value, isInternal) in [("\"false\"", false), ("\"\"", false), ("\"False\"", true), ("\"FALSE\"", true),
                                    ("\"true\"", true)] {
            let read = H.read(text: Self.service(["\(flag): \(value)"]))
            #expect(read.errors.isEmpty, "\(read.errors)")
            #expect(try H.findings(read.deployments).isEmpty == isInternal, "\(value)")
        }
    }

    @Test func theAWSLoadBalancerControllerTakesOnlyTheValuesItParses() throws {
        // Its scheme is exactly `internal` or `internet-facing`, its legacy flag a Go boolean; any other value is an
        // error there, so nothing is credited as internal.
        let nlb = "service.k8s.aws/nlb"
        for (annotation, isInternal) in [
            ("service.beta.kubernetes.io/aws-load-balancer-scheme: internal", true),
            ("service.beta.kubernetes.io/aws-load-balancer-scheme: Internal", false),
            ("service.beta.kubernetes.io/aws-load-balancer-internal: \"True\"", true),
            ("service.beta.kubernetes.io/aws-load-balancer-internal: \"yes\"", false),
        ] {
            let read = H.read(text: Self.service([annotation], loadBalancerClass: nlb))
            #expect(try H.findings(read.deployments).isEmpty == isInternal, "\(annotation)")
        }
    }
}
