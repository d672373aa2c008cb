import Testing
@testable import PolicyCheckKit

/// Templates as aws-cloudformation/aws-cloudformation-templates writes them: `Fn::ForEach` (the
/// `AWS::LanguageExtensions` transform) is checked through its output resources, a macro policycheck cannot
/// expand (`AWS::Include`, a custom macro; in the `Transform` section or among the resources) is an error, and a Rain
/// module (a source template `rain pkg` expands) is an error that says what to check instead.
@Suite struct CloudFormationTransformTests {
    typealias T = CloudFormationTesting

    static let forEach = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::LanguageExtensions
        Resources:
          Fn::ForEach::Databases:
            - Name
            - [Points, Score]
            - Db${Name}:
                Type: AWS::RDS::DBCluster
                Properties:
                  DatabaseName: !Ref Name
                  Engine: aurora-postgresql
                  StorageEncrypted: false
        """

    /// `AWS::Include` may stand among the resources; what it adds lives elsewhere (S3), so the run fails closed
    /// (an error, as a pull request could move every resource into the snippet) and the template's own resources
    /// are still checked and reported, not lost (awslabs/aws-sam-cli's `aws-include-transform.yaml`).
    @Test func anIncludeAmongTheResourcesIsAnErrorAndTheOtherResourcesAreStillChecked() throws {
        let template = """
            Resources:
              Vol:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: us-east-1a, Size: 10, Encrypted: false}
              'Fn::Transform':
                Name: 'AWS::Include'
                Parameters:
                  Location: s3://bucket/more-resources.yaml
            """
        let deployment = try T.deployment(template)
        #expect(deployment.dataStores.map(\.component) == ["Vol"])
        #expect(deployment.notices.map(\.description) == [
            "template.yaml:5:3: error: Resources.Fn::Transform: the resources 'AWS::Include' adds from 's3://bucket/more-resources.yaml' cannot be checked here (the template's own resources are); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
        #expect(try T.findings(template).contains { $0.resource == "Vol" && $0.ruleId == "MMC-ENC-001" })
    }

    /// The `Transform` section's `AWS::Include` inserts a file from S3 into the whole template, and a custom macro
    /// may rewrite any of it (strip encryption, add resources): both fail closed as `Fn::Transform` among the
    /// resources does, at the macro's name, while the template as written is still checked.
    @Test func anIncludeOrACustomMacroInTheTransformSectionIsAnErrorAndTheTemplateIsStillChecked() throws {
        let include = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform:
              Name: AWS::Include
              Parameters:
                Location: s3://bucket/everything.yaml
            Resources:
              Vol:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: us-east-1a, Size: 10, Encrypted: false}
            """
        #expect(try T.deployment(include).notices.map(\.description) == [
            "template.yaml:3:9: error: Transform: what 'AWS::Include' inserts from 's3://bucket/everything.yaml' when the stack is created cannot be checked here (the template as written is); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
        #expect(try T.findings(include).contains { $0.resource == "Vol" && $0.ruleId == "MMC-ENC-001" })
        let macros = """
            Transform: [AWS::Serverless-2016-10-31, AcmeStripEncryption]
            Resources:
              Topic: {Type: AWS::SNS::Topic}
            """
        #expect(try T.deployment(macros).notices.map(\.description) == [
            "template.yaml:1:41: error: Transform: the macro 'AcmeStripEncryption' processes the whole template when the stack is created, so what it makes of it cannot be checked here (the template as written is); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
        let json = """
            {"Transform": ["AcmeStripEncryption", {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/x.json"}}],
             "Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}
            """
        #expect(try T.deployment(json, path: "template.json").notices.map { $0.location.map { "\($0.line):\($0.column)" } } == [
            "1:16", "1:48",
        ])
    }

    /// A name the template does not write as a literal string is no transform CloudFormation accepts
    /// ("must be a literal string"): the template cannot be read as CloudFormation would process it.
    @Test func aTransformNotNamedByALiteralStringIsAnError() throws {
        let text = """
            Parameters:
              Macro: {Type: String, Default: AWS::Serverless-2016-10-31}
            Transform: !Ref Macro
            Resources:
              Topic: {Type: AWS::SNS::Topic}
            """
        #expect(try T.deployment(text).notices.map(\.message) == [
            "Transform: a macro not named by a literal string processes the whole template when the stack is created, so what it makes of it cannot be checked here (the template as written is); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
    }

    /// `AWS::Include` may stand anywhere but the parameters and the version: in a resource's properties, as a
    /// property's value (`!Transform`) or in SAM's `Globals`, what it inserts was a silent pass (review, round 19).
    @Test func aTransformAnywhereElseIsAnErrorAtItsPlace() throws {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Description: No Transform is called in this sentence's words, only in the places below.
            Globals:
              Function:
                'Fn::Transform': {Name: AWS::Include, Parameters: {Location: s3://b/globals.yaml}}
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  'Fn::Transform':
                    Name: AWS::Include
                    Parameters: {Location: s3://b/ingress.yaml}
              Other:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  SecurityGroupIngress: !Transform {Name: StripMacro}
            """
        #expect(try T.deployment(text).notices.map(\.message) == [
            "Globals.Function.Fn::Transform: what 'AWS::Include' inserts here from 's3://b/globals.yaml' when the stack is created cannot be checked here (the template as written is); check the processed template (aws cloudformation get-template --template-stage Processed)",
            "Resources.Group.Properties.Fn::Transform: what 'AWS::Include' inserts here from 's3://b/ingress.yaml' when the stack is created cannot be checked here (the template as written is); check the processed template (aws cloudformation get-template --template-stage Processed)",
            "Resources.Other.Properties.SecurityGroupIngress.Fn::Transform: what 'StripMacro' inserts here when the stack is created cannot be checked here (the template as written is); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
        // A key spelt with an escape is the same key: the text search that spares most templates the walk is not
        // fooled by it.
        let escaped = #"{"Resources": {"G": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "web", "Fn::\u0054ransform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/x.yaml"}}}}}}"#
        #expect(try T.deployment(escaped, path: "template.json").notices.map(\.message).first?.hasPrefix("Resources.G.Properties.Fn::Transform: what 'AWS::Include' inserts here") == true)
        // A template that only names its Transform section, and one that mentions the word in text, walk nothing.
        #expect(try T.deployment("Transform: AWS::Serverless-2016-10-31\nResources:\n  Topic: {Type: AWS::SNS::Topic}\n").notices.isEmpty)
    }

    /// The AWS transforms policycheck reads the template through, as a name, in a list or dated, raise nothing.
    @Test func theAWSTransformsPolicycheckReadsAreNoError() throws {
        for transform in ["AWS::Serverless-2016-10-31", "[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]",
                          "[AWS::CodeDeployBlueGreen]", "AWS::SecretsManager-2020-07-23", "AWS::SecretsManager-2024-09-16",
                          "AWS::ServiceCatalog"] {
            let text = """
                Transform: \(transform)
                Resources:
                  Topic: {Type: AWS::SNS::Topic}
                """
            #expect(try T.deployment(text).notices.isEmpty, "\(transform)")
        }
    }

    @Test func forEachOutputResourcesAreChecked() throws {
        let deployment = try T.deployment(Self.forEach)
        #expect(deployment.dataStores.map(\.component) == ["DbPoints", "DbScore"])
        let findings = try T.findings(Self.forEach)
        #expect(findings.contains { $0.resource == "DbScore" && $0.category == .encryption }, "\(findings.map(\.cfnSummary))")
    }

    /// The loop's identifier is bound to each value of the collection, as CloudFormation expands it: `${Id}` and
    /// `&{Id}` (letters and digits only) in the logical id, `!Ref Id` and `${Id}` in an `!Sub` in the fragment. Before,
    /// one copy was read with the identifier unbound, and a world-open port, an unencrypted database and a subnet
    /// outside the region written through it were only "cannot be verified" (review, round 26).
    @Test func aLoopsIdentifierIsBoundToEachValueInKeysRefsAndSubs() throws {
        let text = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Groups:
                - Cidr
                - ['0.0.0.0/0', '10.0.0.0/8']
                - Sg&{Cidr}:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: postgres
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: !Ref Cidr, Description: clients}
              Fn::ForEach::Dbs:
                - Enc
                - ['false']
                - Db${Enc}:
                    Type: AWS::RDS::DBInstance
                    Properties: {Engine: postgres, StorageEncrypted: !Ref Enc, PubliclyAccessible: false}
              Fn::ForEach::Subnets:
                - Az
                - [a, b]
                - Subnet${Az}:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Sub 'eu-west-1${Az}'}
            """
        let findings = try T.findings(text).filter { !$0.cannotVerify }
        #expect(Set(findings.map { "\($0.ruleId) \($0.resource)" }).isSuperset(of: [
            "MMC-NET-001 Sg00000", "MMC-ENC-001 Dbfalse", "MMC-RES-001 Subneta", "MMC-RES-001 Subnetb",
        ]), "\(findings.map(\.cfnSummary))")
        #expect(!findings.contains { $0.resource == "Sg100008" && $0.ruleId == "MMC-NET-001" })
        #expect(try T.findings(text).allSatisfy { !$0.message.contains("neither a parameter nor a resource") })
        // The long form and an `!Sub` of the identifier alike.
        let json = #"{"Transform":"AWS::LanguageExtensions","Resources":{"Fn::ForEach::G":["Cidr",["0.0.0.0/0"],{"Sg${Cidr}":{"Type":"AWS::EC2::SecurityGroup","Properties":{"GroupDescription":"x","SecurityGroupIngress":[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"CidrIp":{"Fn::Sub":"${Cidr}"},"Description":"d"}]}}}]}}"#
        #expect(try T.findings(json, path: "template.json").contains { $0.ruleId == "MMC-NET-001" && $0.resource == "Sg0.0.0.0/0" && !$0.cannotVerify })
    }

    /// A collection that is a `Ref` to a list parameter takes its `Default`; loops nest; a collection the template
    /// does not decide leaves the identifier cannot be verified, saying why — never a pass.
    @Test func aListParameterIsTheCollectionLoopsNestAndAnUndecidedCollectionCannotBeVerified() throws {
        let text = """
            Transform: AWS::LanguageExtensions
            Parameters:
              Ports: {Type: CommaDelimitedList, Default: '22, 3389'}
              Open: {Type: CommaDelimitedList}
            Resources:
              Fn::ForEach::Outer:
                - Port
                - !Ref Ports
                - Fn::ForEach::Inner:
                    - Cidr
                    - ['0.0.0.0/0']
                    - Sg${Port}:
                        Type: AWS::EC2::SecurityGroup
                        Properties:
                          GroupDescription: x
                          SecurityGroupIngress:
                            - {IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: !Ref Cidr, Description: d}
              Fn::ForEach::Unknown:
                - Cidr2
                - !Ref Open
                - Other${Cidr2}:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: x
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr2, Description: d}
            """
        let findings = try T.findings(text).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.filter { !$0.cannotVerify }.map(\.resource).sorted() == ["Sg22", "Sg3389"], "\(findings.map(\.cfnSummary))")
        let undecided = try #require(findings.first { $0.resource == "Other${Cidr2}" })
        #expect(undecided.cannotVerify)
        #expect(undecided.message.contains("the collection of 'Fn::ForEach::Unknown' is parameter 'Open', which has no Default"), "\(undecided.message)")
    }

    /// A registered module (a type ending in `::MODULE`) adds the resources of its fragment in the registry when the
    /// stack is created: like a macro, an error naming it (the gate fails closed) while the rest is checked, and it
    /// makes a file without the optional version line a template. Before, it passed silently (review, round 26).
    @Test func aModuleResourceIsAnErrorNamingItAndMakesTheFileATemplate() throws {
        let text = """
            Description: a registered module
            Resources:
              Db:
                Type: Acme::Data::PostgresCluster::MODULE
                Properties: {ClientCidr: 0.0.0.0/0, Encrypted: 'false'}
              Vol:
                Type: Custom::Volume
            """
        #expect(try T.deployment(text).notices.map(\.description) == [
            "template.yaml:4:11: error: Resources.Db: the resources the module 'Acme::Data::PostgresCluster::MODULE' adds from its template fragment in the CloudFormation registry when the stack is created cannot be checked here (the template's own resources are); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
    }

    @Test func aRainModuleIsAnErrorThatSaysHowToCheckIt() throws {
        let text = """
            Resources:
              Network:
                Type:
                  Rain::Module: ../modules/vpc.yml
              Bucket:
                Type: AWS::S3::Bucket
            """
        #expect(throws: Diagnostics.self) { try T.deployments(text) }
        do {
            _ = try T.deployments(text)
        } catch let error as Diagnostics {
            #expect(error.items.map(\.message) == ["resource 'Network' is a Rain module, which CloudFormation cannot deploy until `rain pkg` expands it; check the packaged template (`rain pkg template.yaml | policycheck check -`)"])
        }
    }
}
