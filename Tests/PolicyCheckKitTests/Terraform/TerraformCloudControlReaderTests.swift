import Foundation
@testable import PolicyCheckAdapters
import Testing

/// Which Cloud Control resources are errors: awscc types the CloudFormation rules judge or whose `aws_` twin a
/// Terraform reader reads; the list of those `aws_` types kept in step with the readers.
@Suite struct TerraformCloudControlReaderTests {
    @Test func awsccTypesAreJudgedByTheirCloudFormationTypeOrTheirAWSTwin() {
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_rds_db_instance") == "AWS::RDS::DBInstance")
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_ec2_security_group_ingress") == "AWS::EC2::SecurityGroupIngress")
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_opensearchservice_domain") == "AWS::OpenSearchService::Domain")
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_wafv2_ip_set") == "AWS::WAFv2::IPSet")
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_wafv2_web_acl") == "aws_wafv2_web_acl")
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_s3_bucket_policy") != nil)
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_kms_replica_key") != nil)
        #expect(TerraformCloudControlReader.judged(awscc: "awscc_ssm_parameter") == nil)
    }

    /// Every `aws_` type a Terraform reader names is in `TerraformReadTypes.all`, so an awscc twin of a type added to
    /// a reader later is an error too rather than a pass.
    @Test func everyTypeAReaderNamesIsListed() throws {
        let root = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["Sources/PolicyCheckAdapters/Terraform", "Sources/PolicyCheckAdapters"]
        let skipped: Set<String> = ["TerraformCloudControlReader.swift", "TerraformReadTypes.swift"]
        let pattern = try NSRegularExpression(pattern: "\"(aws_[a-z0-9_]+)\"")
        var named: Set<String> = []
        for folder in folders {
            let directory = root.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where file.hasSuffix(".swift") && !skipped.contains(file) {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    named.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        named.remove("aws_x")  // a reference in a comment's example
        #expect(named.count > 80)
        #expect(named.subtracting(TerraformReadTypes.all).sorted() == [])
    }
}
