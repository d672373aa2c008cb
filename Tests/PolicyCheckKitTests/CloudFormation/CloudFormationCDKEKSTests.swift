import Testing
@testable import PolicyCheckKit

/// CDK's `eks.Cluster` synthesizes custom resources, not `AWS::EKS::Cluster`: the cluster's `Config` (EKS API names)
/// is judged as the native cluster is, and the Kubernetes objects of `addManifest` (`Manifest`, JSON text) as a
/// Kubernetes manifest is. Both passed silently before (aws-cdk's `integ.eks-cluster-private-endpoint` shape).
@Suite struct CloudFormationCDKEKSTests {
    typealias T = CloudFormationTesting

    static func template(manifest: String, config: String = "{resourcesVpcConfig: {endpointPublicAccess: true}}") -> String {
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: Custom::AWSCDK-EKS-Cluster
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:onEvent
              Config: \(config)
          Manifest:
            Type: Custom::AWSCDK-EKS-KubernetesResource
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:kubectl
              ClusterName: !Ref Cluster
              Manifest: \(manifest)
        """
    }

    static let publicService = #"'[{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"LoadBalancer","ports":[{"port":22}]}}]'"#

    @Test func theClusterConfigIsJudgedAsANativeClusterIs() throws {
        let findings = try T.findings(Self.template(manifest: "'[]'")).map { "\($0.resource) \($0.ruleId)" }
        // No version: EKS's default, which envelope-encrypts the secrets with an AWS owned key; only the customer
        // key is asked for. The API's `version` is read as `Version` is.
        #expect(findings.sorted() == ["Cluster MMC-ENC-002", "Cluster MMC-NET-001"])
        let older = try T.findings(Self.template(manifest: "'[]'", config: "{version: '1.27', resourcesVpcConfig: {endpointPublicAccess: true}}"))
        #expect(older.map { "\($0.resource) \($0.ruleId)" }.sorted() == ["Cluster MMC-ENC-001", "Cluster MMC-ENC-002", "Cluster MMC-NET-001"])
        let closed = try T.findings(Self.template(manifest: "'[]'", config: """
            {resourcesVpcConfig: {endpointPublicAccess: false}, encryptionConfig: [{resources: [secrets], provider: {keyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab}}]}
            """))
        #expect(closed.filter { $0.ruleId == "MMC-ENC-001" || $0.ruleId == "MMC-NET-001" }.isEmpty, "\(closed.map(\.message))")
    }

    @Test func aManifestsPublicServiceIsAFindingAtTheManifest() throws {
        let findings = try T.findings(Self.template(manifest: Self.publicService)).filter { $0.resource.hasPrefix("Manifest/") }
        #expect(findings.map { "\($0.resource) \($0.ruleId) \($0.line)" } == ["Manifest/Service/default/web MMC-NET-001 13"])
    }

    /// CDK joins a manifest holding tokens (a role ARN) with `Fn::Join`: the tokens sit in strings, read as text.
    @Test func aManifestJoinedWithReferencesIsStillRead() throws {
        let joined = #"!Join ["", ['[{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","annotations":{"role":"', !GetAtt Cluster.Arn, '"}},"spec":{"type":"LoadBalancer","ports":[{"port":22}]}}]']]"#
        let findings = try T.findings(Self.template(manifest: joined)).filter { $0.resource.hasPrefix("Manifest/") }
        #expect(findings.map(\.ruleId) == ["MMC-NET-001"])
    }

    /// The reviewer's bypass: a literal `${` in the joined text was read as the start of an unknown part and
    /// swallowed the Service's `spec`. Known parts are text, never read for `${…}` again; a part with two values
    /// (`!If`) gives a manifest for each, and the worse one's Service is judged.
    @Test func aLiteralDollarBraceOrAnIfInAJoinedManifestHidesNothing() throws {
        let literal = #"!Join ["", ['[{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","annotations":{"stack":"', !Ref AWS::StackName, '","a":"${{{{"}},"spec":{"type":"LoadBalancer","ports":[{"port":22}]}},{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"k":"}}}}"}}}]']]"#
        #expect(try T.findings(Self.template(manifest: literal)).filter { $0.resource == "Manifest/Service/default/web" }
            .map(\.ruleId) == ["MMC-NET-001"])
        let branches = #"!Join ["", ['[{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"type":"', !If [Open, LoadBalancer, ClusterIP], '","ports":[{"port":22}]}}]']]"#
        let text = Self.template(manifest: branches).replacingOccurrences(of: "Resources:", with: "Conditions:\n  Open: !Equals [a, b]\nResources:")
        #expect(try T.findings(text).filter { $0.resource == "Manifest/Service/default/web" }.map(\.ruleId) == ["MMC-NET-001"])
    }

    /// A manifest that cannot be read fails the run (a notice of severity error), never a silent pass.
    @Test func aManifestThatIsNotJSONIsAnError() throws {
        let deployment = try T.deployment(Self.template(manifest: "'apiVersion: v1'"))
        #expect(deployment.notices.map(\.isError) == [true])
        #expect(deployment.notices.first?.message.contains("Resources.Manifest.Properties.Manifest: the Kubernetes objects cannot be checked: the manifest is not JSON") == true,
                "\(deployment.notices.map(\.message))")
    }

    /// A joined manifest whose parts multiply beyond the limit is refused before its texts are built (a 200 KB
    /// literal joined with two parameters of 64 values each took 855 MB to refuse; review).
    @Test func aManifestOfTooManyTextsIsRefusedBeforeItIsBuilt() throws {
        let values = (0..<64).map { "v\($0)" }.joined(separator: ", ")
        let literal = String(repeating: "x", count: 200_000)
        let text = Self.template(manifest: "!Join ['', ['\(literal)', !Ref A, !Ref B]]")
            .replacingOccurrences(of: "Resources:\n", with: "Parameters:\n  A: {Type: String, AllowedValues: [\(values)]}\n  B: {Type: String, AllowedValues: [\(values)]}\nResources:\n")
        let deployment = try T.deployment(text)
        #expect(deployment.notices.map(\.isError) == [true])
        #expect(deployment.notices.first?.message.contains("it may take more than 64 values or 16 MiB of text") == true,
                "\(deployment.notices.map(\.message))")
    }
}
