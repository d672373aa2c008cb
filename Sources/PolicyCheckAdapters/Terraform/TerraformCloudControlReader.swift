import PolicyCheckModel

/// Resources that create other resources by a route policycheck does not read, each an error at its block rather
/// than a pass — a pull request could otherwise take a database or a security group out of the gate by changing
/// how it is declared (tester round 32):
///
/// - Resources of the AWS Cloud Control provider (`awscc_*`, hashicorp/awscc): CloudFormation's resource types under
///   Terraform names — "The `AWS::RDS::DBInstance` resource creates an Amazon DB instance" documents
///   `awscc_rds_db_instance` (https://registry.terraform.io/providers/hashicorp/awscc/latest/docs/resources/rds_db_instance).
///   One is an error when its type is one the CloudFormation rules judge, or one whose `aws_` twin the Terraform
///   readers read (`awscc_wafv2_ip_set`, `awscc_s3_bucket_policy`); types judged in no format are not inputs.
/// - `aws_cloudcontrolapi_resource`, whose `type_name` names a CloudFormation type and `desired_state` its
///   properties (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudcontrolapi_resource):
///   an error for a judged type, or a type known only at apply.
/// - `aws_cloudformation_stack` and `aws_cloudformation_stack_set` with a `template_body`: the template's resources
///   are not read here (check the template as CloudFormation). One with a `template_url` is a warning, as a
///   CloudFormation template's remote nested stack is: the template is not in the checkout.
struct TerraformCloudControlReader {
    let input: any TerraformResourceGraph

    static let prefix = "awscc_"
    static let cloudControlResource = "aws_cloudcontrolapi_resource"
    static let stacks: Set<String> = ["aws_cloudformation_stack", "aws_cloudformation_stack_set"]
    static let routes = stacks.union([cloudControlResource])

    func read(into deployment: inout Deployment) {
        // Every resource's type is tested for the prefix (a byte comparison); the aws_ routes are found by type.
        for resource in input.resources where resource.type.hasPrefix(Self.prefix) {
            guard let type = Self.judged(awscc: resource.type) else { continue }
            let named = type.hasPrefix("AWS::") ? type : "as the aws provider's \(type)"
            report(resource, "a resource of the AWS Cloud Control provider (\(named)), whose settings policycheck "
                + "does not read, so it cannot be checked; declare it with the aws provider's resource, which is checked",
                   into: &deployment)
        }
        for resource in input.resources(ofType: Self.routes) {
            if resource.type == Self.cloudControlResource {
                let typeName = resource["type_name"]
                if let name = typeName.knownString {
                    guard Self.judgedTypes[Self.key(cloudFormation: name)] != nil else { continue }
                    report(resource, "a resource of type \(name) created through the Cloud Control API, whose desired_state policycheck "
                        + "does not read, so it cannot be checked; declare it with the aws provider's resource, which is checked",
                           into: &deployment)
                } else if typeName.isUnknown {
                    report(resource, "a resource created through the Cloud Control API whose type_name is known only after "
                        + "apply (\(typeName.unknownReason)), so it cannot be checked", into: &deployment)
                }
            } else if !resource["template_body"].isAbsent {
                report(resource, "a CloudFormation stack whose template_body policycheck does not read here, so its "
                    + "resources are not checked; keep the template in a file and check it as CloudFormation",
                       into: &deployment)
            } else if !resource["template_url"].isAbsent {
                report(resource, "a CloudFormation stack whose template is at its template_url, outside the checked "
                    + "paths, so its resources are not checked; check that template as CloudFormation",
                       severity: .warning, into: &deployment)
            }
        }
    }

    /// A notice at the resource's values (its block in source, in the module's own file), else at its entry.
    private func report(_ resource: TerraformResource, _ message: String, severity: DiagnosticSeverity = .error,
                        into deployment: inout Deployment) {
        TerraformNotices.report("\(resource.address): \(message)",
                                                 at: resource.valuesNode?.offset ?? resource.origin.offset,
                                                 severity: severity, into: &deployment)
    }

    /// The CloudFormation type of a judged awscc type, or its `aws_` twin the Terraform readers read.
    static func judged(awscc type: String) -> String? {
        let key = key(awscc: type)
        return judgedTypes[key] ?? awsTypesRead[key]
    }

    /// The CloudFormation types the template mappers judge, by `key`: `AWS::RDS::DBInstance` is `rdsdbinstance`.
    static let judgedTypes: [String: String] = {
        var types: [String: String] = [:]
        for mapper in CloudFormationAdapter.mappers {
            for type in mapper.types where type.hasPrefix("AWS::") { types[key(cloudFormation: type)] = type }
        }
        return types
    }()

    /// The `aws_` types the Terraform readers read, by `key` (`aws_wafv2_ip_set`: `wafv2ipset`), for awscc types the
    /// CloudFormation mappers do not judge. `TerraformCloudControlReaderTests` keeps it in step with the readers.
    static let awsTypesRead: [String: String] = Dictionary(TerraformReadTypes.all.map {
        (String($0.dropFirst(4).filter { $0 != "_" }), $0)
    }, uniquingKeysWith: { first, _ in first })

    /// A CloudFormation type without `AWS::` and colons, lowercased.
    static func key(cloudFormation type: String) -> String {
        String((type.hasPrefix("AWS::") ? type.dropFirst(5) : Substring(type)).filter { $0 != ":" }.lowercased())
    }

    /// An awscc type without its prefix and underscores, lowercased (`awscc_rds_db_instance`: `rdsdbinstance`): the
    /// provider names each type by its CloudFormation name's words in snake case.
    static func key(awscc type: String) -> String {
        String(type.dropFirst(prefix.count).filter { $0 != "_" }.lowercased())
    }
}

extension TerraformCloudControlReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
