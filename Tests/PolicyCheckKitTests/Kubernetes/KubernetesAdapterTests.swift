@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

@Suite struct KubernetesAdapterTests {
    typealias H = AdapterHarness

    @Test func stackFindingsNameTheObjectAndTheExactColumn() throws {
        let read = H.read(fixture: "kubernetes/fail-stack.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        #expect(read.deployments.count == 1)
        #expect(deployment.format == .kubernetes)
        #expect(deployment.name == "kubernetes/fail-stack.yaml")
        #expect(deployment.offering == nil)
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-001 8:3 Service/prod/chat-lb",
            "MMC-NET-005 19:72 Ingress/prod/chat",
            "MMC-NET-006 19:72 Ingress/prod/chat",
            "MMC-NET-003 19:86 Ingress/prod/chat",
            "MMC-NET-002 19:100 Ingress/prod/chat",
            "MMC-NET-011 32:19 NetworkPolicy/default/from-anywhere",
            "MMC-NET-002 33:34 NetworkPolicy/default/from-anywhere",
            "MMC-NET-007 46:73 Mattermost/prod/acme",
            "MMC-RES-001 49:12 Mattermost/prod/acme",
        ])
        let open = try #require(findings.first)
        #expect(open.severity == .critical)
        #expect(open.path == "spec.loadBalancerSourceRanges")
        #expect(open.message.contains("'0.0.0.0/0' admits every IPv4 address on ports 443, 22"))
        let host = try #require(findings.first { $0.ruleId == "MMC-NET-003" })
        #expect(host.path == "metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range'][2]")
        #expect(host.severity == .low)
        // An `except` range is not in force, but the API server parses it: its syntax is still judged.
        let except = try #require(findings.last { $0.ruleId == "MMC-NET-002" })
        #expect(except.path == "spec.ingress[0].from[0].ipBlock.except[1]")
        #expect(findings.first { $0.ruleId == "MMC-RES-001" }?.message.contains("'eu-west-1'") == true)
    }

    @Test func stackModelKeepsExceptionsDisabledAndPolicyInternal() throws {
        let deployment = try #require(H.read(fixture: "kubernetes/fail-stack.yaml").deployments.first)
        let policy = try #require(deployment.allowlists.first { $0.component == "NetworkPolicy/default/from-anywhere" })
        #expect(policy.kind == .networkPolicy)
        #expect(!policy.internetFacing)
        #expect(policy.entries.map(\.cidr.value.known) == ["0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/33"])
        #expect(policy.entries.map(\.enabled) == [true, false, false])
        #expect(policy.entries[0].allPorts == [PortRange(8065, 8065)])
        let service = try #require(deployment.allowlists.first { $0.component == "Service/prod/chat-lb" })
        #expect(service.kind == .loadBalancerSourceRanges && service.internetFacing)
        #expect(service.entries.count == 1)
        #expect(service.entries[0].allPorts == [PortRange(443, 443), PortRange(22, 22)])
        #expect(deployment.dataStores.isEmpty, "the operator states no encryption, so no store is recorded")
    }

    @Test func restrictedStackPasses() throws {
        let read = H.read(fixture: "kubernetes/pass-stack.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        #expect(Set(deployment.allowlists.map(\.component)) == [
            "Service/prod/chat-lb", "Ingress/prod/chat", "NetworkPolicy/prod/from-vpc", "Mattermost/prod/acme",
        ], "the internal load balancer and the ClusterIP service have no allowlist")
        #expect(deployment.regions.map(\.region) == ["us-east-1", "us-east-1"])
        #expect(H.summary(try H.findings(read.deployments)) == [])
    }

    @Test func listItemsAreReadFromJSON() throws {
        let read = H.read(fixture: "kubernetes/fail-list.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-011 10:69 Service/chat/open",
            "MMC-NET-003 17:98 Service/default/annotated",
            "MMC-NET-004 17:98 Service/default/annotated",
            "MMC-NET-006 17:98 Service/default/annotated",
        ])
        #expect(findings[0].severity == .high, "443 only: the rule for non-administrative ports")
        #expect(findings[1].path == "metadata.annotations['service.beta.kubernetes.io/load-balancer-source-ranges'][1]")
    }

    @Test func albSchemeDecidesExposureAndDefaultsToWorldOpen() throws {
        let read = H.read(fixture: "kubernetes/fail-alb.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-011 7:39 Ingress/web/public-alb",
            "MMC-NET-011 7:39 Ingress/web/public-alb",
            "MMC-RES-001 9:48 Ingress/web/public-alb",
            // HTTPS:443 (a certificate) without ssl-policy: the controller's default ELBSecurityPolicy-2016-08.
            "MMC-ENC-004 11:21 Ingress/web/public-alb",
            // An internal ALB's breadth is not judged (it is not internet-facing); world-open still is.
            "MMC-NET-011 20:60 Ingress/web/internal-alb",
            // Its listener HTTP:80 forwards, whatever the scheme (as CloudFormation's listeners are judged).
            "MMC-ENC-004 22:21 Ingress/web/internal-alb",
            // The operator's ALB without certificateARN listens on HTTP:8065 and forwards.
            "MMC-ENC-004 35:14 Mattermost/web/acme",
            "MMC-NET-011 36:21 Mattermost/web/acme",
        ])
        let publicALB = try #require(deployment.allowlists.first { $0.component == "Ingress/web/public-alb" })
        #expect(publicALB.internetFacing)
        #expect(publicALB.entries.map(\.cidr.value.known) == ["0.0.0.0/0", "::/0"])
        #expect(publicALB.entries[0].allPorts == [PortRange(443, 443)], "a certificate means HTTPS on 443")
        let internalALB = try #require(deployment.allowlists.first { $0.component == "Ingress/web/internal-alb" })
        #expect(!internalALB.internetFacing)
        let operatorALB = deployment.allowlists.filter { $0.component == "Mattermost/web/acme" }
        #expect(operatorALB.count == 1, "a disabled operator ingress contributes no nginx allowlist")
        #expect(operatorALB.first?.entries.first?.allPorts == [PortRange(8065, 8065)],
                "the operator's listen-ports without a certificate")
    }

    @Test("Services the AWS Load Balancer Controller reconciles are internal unless annotated internet-facing")
    func awsLoadBalancerControllerServicesAreInternalByDefault() throws {
        let read = H.read(fixture: "kubernetes/fail-aws-load-balancer-controller.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        let exposed = deployment.allowlists.filter(\.internetFacing).map(\.component)
        #expect(exposed == [
            "Service/prod/public-by-scheme", "Service/prod/public-by-legacy-flag", "Service/prod/in-tree-nlb",
            "Service/prod/other-class", "Service/prod/type-in-other-case",
        ])
        let findings = try H.findings(read.deployments)
        #expect(Set(findings.filter { ["MMC-NET-001", "MMC-NET-011"].contains($0.ruleId) }.map(\.resource)) == Set(exposed))
    }

    @Test("The scheme annotation makes a Service internal only where the AWS Load Balancer Controller reconciles it")
    func theSchemeAnnotationIsReadOnlyByItsController() throws {
        let read = H.read(fixture: "kubernetes/fail-aws-scheme-annotation-read-by-its-controller.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        #expect(deployment.allowlists.filter(\.internetFacing).map(\.component) == [
            "Service/prod/scheme-only", "Service/prod/controller-scheme-beats-flag", "Service/prod/controller-flag-zero",
            "Mattermost/prod/acme-scheme-only",
        ])
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-001 13:58 Service/prod/scheme-only",
            "MMC-NET-011 54:3 Service/prod/controller-scheme-beats-flag",
            "MMC-NET-011 66:3 Service/prod/controller-flag-zero",
            "MMC-NET-011 79:58 Mattermost/prod/acme-scheme-only",
        ])
        // The in-tree controller ignores the scheme annotation: the world-open entry is placed on it, as the reason.
        #expect(findings[0].path == "metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme']")
        #expect(findings[3].path == "spec.serviceAnnotations['service.beta.kubernetes.io/aws-load-balancer-scheme']")
    }

    @Test("GKE Services are internal by an internal class or type annotation (new or deprecated), as GKE reads them")
    func gkeInternalLoadBalancersAreReadAsGKEReadsThem() throws {
        let read = H.read(fixture: "kubernetes/fail-gke-load-balancers.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        let exposed = deployment.allowlists.filter(\.internetFacing).map(\.component)
        #expect(exposed == [
            "Service/prod/public-type-in-other-case", "Service/prod/public-by-external-class",
            "Service/prod/public-new-annotation-first", "Service/prod/public-new-annotation-null",
        ])
        let findings = try H.findings(read.deployments)
        #expect(Set(findings.filter { $0.ruleId == "MMC-NET-001" }.map(\.resource)) == Set(exposed))
    }

    /// A GKE Ingress of class gce is an internet-facing load balancer with no allowlist of its own: it passed, as if a
    /// controller Service in the cluster carried one (tester round 32). gce-internal is internal.
    @Test func gkeIngressesOfClassGCEAreWorldOpenOnThePortsTheyServe() throws {
        let read = H.read(fixture: "kubernetes/fail-gke-ingresses.yaml")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        let exposed = deployment.allowlists.filter(\.internetFacing)
        #expect(exposed.map(\.component) == ["Ingress/prod/kibana", "Ingress/prod/https-only", "Ingress/prod/https-only-zero"])
        #expect(exposed.map { $0.entries.flatMap { (($0.ports.map { [$0] } ?? []) + $0.additionalPorts).map(\.lower) } }
                == [[80], [443], [443]])
        let findings = try H.findings(read.deployments).filter { $0.ruleId == "MMC-NET-011" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.resource)" }
                == ["9:34 Ingress/prod/kibana", "23:34 Ingress/prod/https-only", "69:34 Ingress/prod/https-only-zero"])
    }

    @Test func foldedAnnotationFallsBackToTheValueAndStrayCommasAreSyntaxErrors() throws {
        let text = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: folded
              annotations:
                nginx.ingress.kubernetes.io/whitelist-source-range: >-
                  52.20.12.0/24,
                  10.0.0.0/8
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: trailing
              annotations:
                nginx.ingress.kubernetes.io/whitelist-source-range: 52.20.12.0/24,

            """
        let findings = try H.findings(H.read(text: text).deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-004 6:57 Ingress/default/folded",
            "MMC-NET-006 6:57 Ingress/default/folded",
            "MMC-NET-002 15:71 Ingress/default/trailing",
        ])
    }

    @Test func malformedObjectsAreErrorsWithLocations() {
        let read = H.read(fixture: "kubernetes/malformed.yaml")
        #expect(read.deployments.isEmpty)
        #expect(read.errors.map(\.description) == [
            "kubernetes/malformed.yaml:7:29: error: 'spec.loadBalancerSourceRanges' must be a list, found a string",
            "kubernetes/malformed.yaml:12:3: error: missing required field 'name' in 'metadata'",
        ])
    }

    /// kubectl decodes annotations into `map[string]string` and refuses the object for any other value (`json: cannot
    /// unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string`); a null is an empty string.
    @Test func annotationValuesThatAreNotStringsAreErrorsAtTheValue() {
        let text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: flags
              annotations:
                service.beta.kubernetes.io/aws-load-balancer-internal: true
                example.com/port: 443
                example.com/nothing: null
                example.com/text: "true"
                example.com/quoted: "yes"
                service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: on
            spec:
              type: LoadBalancer
              ports:
              - port: 443
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ignored
              annotations:
                policycheck.io/ignore: false

            """
        let read = H.read(text: text)
        #expect(read.deployments.isEmpty)
        #expect(read.errors.map(\.description) == [
            "inline.yaml:6:60: error: annotation 'service.beta.kubernetes.io/aws-load-balancer-internal' must be a string, found a boolean (quote it: \"true\")",
            "inline.yaml:7:23: error: annotation 'example.com/port' must be a string, found a number (quote it: \"443\")",
            // kubectl's YAML 1.1 reads a plain `on` as a boolean, which an annotation cannot hold; a quoted "yes" is text.
            "inline.yaml:11:66: error: annotation 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol' must be a string, found 'on', which kubectl's YAML 1.1 reads as a boolean (quote it: \"on\")",
            "inline.yaml:22:28: error: 'metadata.annotations['policycheck.io/ignore']' must be a string such as 'RULE-ID reason', found a boolean",
        ])
    }

    /// The same allowlist problems give the same rule ids in a native manifest and in an ingress annotation.
    @Test func sameRulesFireAsForTheNativeFormat() throws {
        let cidrs = AllowlistParity.cidrs
        let native = AllowlistParity.nativeManifest()
        let kubernetes = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: same
              annotations:
                nginx.ingress.kubernetes.io/whitelist-source-range: "\(cidrs.joined(separator: ","))"

            """
        let nativeRead = H.read(text: native, name: "native.yaml")
        let kubernetesRead = H.read(text: kubernetes, name: "ingress.yaml")
        #expect(nativeRead.deployments.first?.format == .native)
        #expect(kubernetesRead.deployments.first?.format == .kubernetes)
        let nativeRules = try H.findings(nativeRead.deployments).map(\.ruleId)
        let kubernetesRules = try H.findings(kubernetesRead.deployments).map(\.ruleId)
        #expect(!nativeRules.isEmpty)
        #expect(nativeRules.sorted() == kubernetesRules.sorted())
    }

    @Test func legacyClusterInstallationAndPortEdgeCases() throws {
        let text = """
            apiVersion: mattermost.com/v1alpha1
            kind: ClusterInstallation
            metadata: {name: legacy, namespace: old}
            spec:
              ingressName: chat.example.com
              ingressAnnotations:
                nginx.ingress.kubernetes.io/whitelist-source-range: 0.0.0.0/0
              minio:
                externalURL: s3-ap-southeast-2.amazonaws.com
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: named-port, namespace: old}
            spec:
              ingress:
                - from: [{ipBlock: {cidr: "::/0"}}]
                  ports: [{port: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: dual, namespace: old}
            spec:
              type: LoadBalancer
              ipFamilies: [IPv4, IPv6]
              ports: [{port: 80}, {port: 443}]

            """
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        let dual = try #require(deployment.allowlists.first { $0.component == "Service/old/dual" })
        #expect(dual.entries.map(\.cidr.value.known) == ["0.0.0.0/0", "::/0"])
        #expect(dual.entries[1].allPorts == [PortRange(80, 80), PortRange(443, 443)])
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-001 7:57 ClusterInstallation/old/legacy",
            "MMC-RES-001 9:18 ClusterInstallation/old/legacy",
            "MMC-NET-001 16:31 NetworkPolicy/old/named-port",
            "MMC-NET-011 23:3 Service/old/dual",
            "MMC-NET-011 23:3 Service/old/dual",
        ])
        #expect(findings[2].message.contains("every IPv6 address;"), "a named port leaves the ports unknown: judged as administrative")
        #expect(findings[3].message.contains("on ports 80, 443"))
    }

    /// The file settings' variables in a `Mattermost` object's `spec.mattermostEnv` place the file store as a
    /// provisioner installation's do: an eu-west-1 region or endpoint there passed (tester round 29); a value from a
    /// secret cannot be verified.
    @Test func theFileStoreVariablesOfMattermostEnvAreItsRegion() throws {
        let text = """
            apiVersion: installation.mattermost.com/v1beta1
            kind: Mattermost
            metadata: {name: mm, namespace: chat}
            spec:
              fileStore:
                external: {url: s3.amazonaws.com, bucket: b, secret: s}
              mattermostEnv:
                - name: MM_FILESETTINGS_AMAZONS3ENDPOINT
                  value: minio:pw@s3.eu-west-1.amazonaws.com
                - name: MM_FILESETTINGS_AMAZONS3REGION
                  value: eu-west-1
                - name: MM_SERVICESETTINGS_SITEURL
                  value: https://chat.eu-west-1.example.com

            """
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let findings = try H.findings(read.deployments).filter { $0.ruleId == "MMC-RES-001" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.cannotVerify)" } == ["9:14 false", "11:14 false"], "\(findings)")
        let secret = H.read(text: text.replacingOccurrences(of: "  value: minio:pw@s3.eu-west-1.amazonaws.com",
                                                             with: "  valueFrom: {secretKeyRef: {name: s3, key: endpoint}}")
            .replacingOccurrences(of: "  value: eu-west-1", with: "  value: us-east-1"))
        let unknown = try H.findings(secret.deployments).filter { $0.ruleId == "MMC-RES-001" }
        #expect(unknown.map { "\($0.line):\($0.column) \($0.cannotVerify)" } == ["9:18 true"], "\(unknown)")
    }

    @Test func offeringComesOnlyFromTheOption() throws {
        let deployment = try #require(H.read(fixture: "kubernetes/pass-stack.yaml",
                                             options: AdapterOptions(offering: .dedicated)).deployments.first)
        #expect(deployment.offering?.value == .dedicated)
        #expect(deployment.offering?.origin.offset == deployment.origin.offset)
    }

    @Test(arguments: [
        ("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n", true),
        ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\n", true),
        ("apiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata: {name: a}\n", true),
        ("apiVersion: v1\nkind: List\nitems: []\n", true),
        // Kubernetes does not require a capitalised kind: Zalando's postgres-operator CRD is `postgresql`.
        ("apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata: {name: a}\n", true),
        ("apiVersion: v1\nkind: ''\nmetadata: {name: a}\n", false),
        ("apiVersion: v1\nkind: service\nmetadata: {name: a}\nspec: {type: LoadBalancer}\n", true),
        ("apiVersion: policycheck/v1\nkind: Deployment\nmetadata: {name: a}\n", false),
        ("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n", false),
        ("apiVersion: v2\nname: chart\nversion: 1.0.0\n", false),
        ("apiVersion: V1\nkind: Service\nmetadata: {name: a}\n", false),
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", false),
    ])
    func detection(text: String, recognised: Bool) throws {
        let document = try #require(try YAMLReader().read(Array(text.utf8)).first)
        #expect(KubernetesAdapter.recognises(document) == recognised)
    }
}
