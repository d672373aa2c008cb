import PolicyCheckKit
import Testing

/// A Redshift Serverless workgroup is its namespace's endpoint: before, it was not read, so a workgroup open to public
/// networks or accepting connections without SSL passed silently (AWS Config's
/// redshift-serverless-workgroup-no-public-access and -encrypted-in-transit check both). Its encryption and key are
/// its namespace's, judged there only.
@Suite struct RedshiftServerlessWorkgroupTests {
    static func lines(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-NET") || $0.ruleId.hasPrefix("MMC-ENC") }
            .map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }.sorted()
    }

    @Test func terraformSource() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_kms_key" "k" { enable_key_rotation = true }
            resource "aws_redshiftserverless_namespace" "ns" {
              namespace_name = "analytics"
              kms_key_id     = aws_kms_key.k.arn
            }
            resource "aws_redshiftserverless_workgroup" "open" {
              namespace_name      = aws_redshiftserverless_namespace.ns.namespace_name
              workgroup_name      = "open"
              publicly_accessible = true
              config_parameter {
                parameter_key   = "REQUIRE_SSL"
                parameter_value = "false"
              }
            }
            resource "aws_redshiftserverless_workgroup" "closed" {
              namespace_name      = aws_redshiftserverless_namespace.ns.namespace_name
              workgroup_name      = "closed"
              publicly_accessible = false
              config_parameter {
                parameter_key   = "require_ssl"
                parameter_value = "true"
              }
            }
            resource "aws_redshiftserverless_workgroup" "unset" {
              namespace_name = aws_redshiftserverless_namespace.ns.namespace_name
              workgroup_name = "unset"
            }
            variable "ssl" { type = string }
            resource "aws_redshiftserverless_workgroup" "variable" {
              namespace_name = aws_redshiftserverless_namespace.ns.namespace_name
              workgroup_name = "variable"
              config_parameter {
                parameter_key   = "require_ssl"
                parameter_value = var.ssl
              }
            }
            """)
        #expect(Self.lines(findings) == [
            "MMC-ENC-003 aws_redshiftserverless_workgroup.open",
            "MMC-ENC-003 aws_redshiftserverless_workgroup.variable (cannot verify)",
            "MMC-NET-012 aws_redshiftserverless_workgroup.open",
        ], "\(Self.lines(findings))")
        let transit = try #require(findings.first { $0.ruleId == "MMC-ENC-003" && !$0.cannotVerify })
        #expect(transit.message.contains("require_ssl is 'false' in aws_redshiftserverless_workgroup.open"))
        #expect(transit.message.contains("expected the workgroup to require SSL"))
    }

    @Test func plan() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: """
            {"format_version": "1.2", "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}}},
             "resource_changes": [
              {"address": "aws_redshiftserverless_workgroup.wg", "mode": "managed", "type": "aws_redshiftserverless_workgroup",
               "name": "wg", "provider_name": "registry.terraform.io/hashicorp/aws",
               "change": {"actions": ["create"], "before": null,
                          "after": {"workgroup_name": "wg", "namespace_name": "ns", "publicly_accessible": true,
                                    "config_parameter": [{"parameter_key": "require_ssl", "parameter_value": "true"},
                                                         {"parameter_key": "datestyle", "parameter_value": "ISO, MDY"}]},
                          "after_unknown": {}}}]}
            """))
        #expect(Self.lines(findings) == ["MMC-NET-012 aws_redshiftserverless_workgroup.wg"], "\(Self.lines(findings))")
    }

    @Test func cloudFormation() throws {
        let findings = try CloudFormationTesting.findings("""
            Parameters:
              Public: {Type: String, AllowedValues: ["true", "false"], Default: "false"}
            Conditions:
              IsPublic: !Equals [!Ref Public, "true"]
            Resources:
              Namespace:
                Type: AWS::RedshiftServerless::Namespace
                Properties: {NamespaceName: analytics, KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab}
              Switched:
                Type: AWS::RedshiftServerless::Workgroup
                Properties:
                  WorkgroupName: switched
                  NamespaceName: !Ref Namespace
                  PubliclyAccessible: !If [IsPublic, true, false]
                  ConfigParameters:
                    - {ParameterKey: datestyle, ParameterValue: "ISO, MDY"}
                    - {ParameterKey: require_ssl, ParameterValue: !If [IsPublic, "true", "false"]}
              Quiet:
                Type: AWS::RedshiftServerless::Workgroup
                Properties: {WorkgroupName: quiet, NamespaceName: !Ref Namespace}
              Strict:
                Type: AWS::RedshiftServerless::Workgroup
                Properties:
                  WorkgroupName: strict
                  NamespaceName: !Ref Namespace
                  PubliclyAccessible: false
                  ConfigParameters: [{ParameterKey: require_ssl, ParameterValue: "true"}]
            """)
        // A branch that opens it, or turns SSL off, decides; the namespace's key is judged on the namespace alone.
        #expect(Self.lines(findings) == ["MMC-ENC-003 Switched", "MMC-NET-012 Switched"], "\(Self.lines(findings))")
    }
}
