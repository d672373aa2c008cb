import PolicyCheckModel

/// Resources of the AWS Cloud Control provider (`awscc_*`, hashicorp/awscc): CloudFormation's resource types under
/// Terraform names — "The `AWS::RDS::DBInstance` resource creates an Amazon DB instance" documents
/// `awscc_rds_db_instance` (https://registry.terraform.io/providers/hashicorp/awscc/latest/docs/resources/rds_db_instance).
///
/// policycheck does not read their attributes. One of a type it judges when a template declares it (a database, a
/// bucket, a key, a security group, a log group…) is an error, never a pass: an unencrypted, public
/// `awscc_rds_db_instance` passed with no word (tester round 32), and a pull request could take a resource out of
/// the gate by writing it with this provider. Types judged in no format are not inputs, as `aws_` ones are not.
struct TerraformCloudControlReader {
    let input: any TerraformResourceGraph

    static let prefix = "awscc_"

    func read(into deployment: inout Deployment) {
        for resource in input.resources where resource.type.hasPrefix(Self.prefix) {
            guard let type = Self.judgedTypes[Self.key(awscc: resource.type)] else { continue }
            TerraformKubernetesManifestReader.report(
                "\(resource.address): a resource of the AWS Cloud Control provider (\(type)), whose settings policycheck "
                    + "does not read, so it cannot be checked; declare it with the aws provider's resource, which is checked",
                at: resource.origin.offset, into: &deployment)
        }
    }

    /// The CloudFormation types the template mappers judge, by `key`: `AWS::RDS::DBInstance` is `rdsdbinstance`.
    static let judgedTypes: [String: String] = {
        var types: [String: String] = [:]
        for mapper in CloudFormationAdapter.mappers {
            for type in mapper.types where type.hasPrefix("AWS::") {
                types[String(type.dropFirst(5).filter { $0 != ":" }.lowercased())] = type
            }
        }
        return types
    }()

    /// An awscc type without its prefix and underscores, lowercased (`awscc_rds_db_instance`: `rdsdbinstance`): the
    /// provider names each type by its CloudFormation name's words in snake case.
    static func key(awscc type: String) -> String {
        String(type.dropFirst(prefix.count).filter { $0 != "_" }.lowercased())
    }
}

extension TerraformCloudControlReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
