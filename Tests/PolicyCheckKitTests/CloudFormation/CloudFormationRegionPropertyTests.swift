import Testing
@testable import PolicyCheckKit

/// Region-valued properties of any resource type are read at any depth and in lists (a StackSet's `Regions`, a
/// peering connection's `PeerRegion`, …), and Availability Zones by their region; one the template does not decide
/// cannot be verified.
@Suite struct CloudFormationRegionPropertyTests {
    typealias T = CloudFormationTesting

    private func residency(_ text: String, path: String = "template.yaml") throws -> [String] {
        try T.places("MMC-RES-001", text, path: path)
    }

    @Test func regionPropertiesOutsideTheAllowedRegionFailAndAnUndecidedOneCannotBeVerified() throws {
        #expect(try residency(try T.fixture("fail-region-properties.yaml")) == [
            "19:52 Set Resources.Set.Properties.StackInstancesGroup[0].Regions[2]",
            "25:19 Peer Resources.Peer.Properties.PeerRegion",
            "31:19 LaterPeer Resources.LaterPeer.Properties.PeerRegion (cannot verify)",
            "38:19 TransitPeer Resources.TransitPeer.Properties.PeerRegion",
            "44:67 Cache Resources.Cache.Properties.Members[1].ReplicationGroupRegion",
            "49:60 Inventory Resources.Inventory.Properties.S3Destination.BucketRegion",
        ])
        let deployment = try T.deployment(try T.fixture("fail-region-properties.yaml"))
        #expect(deployment.regions.filter(\.isReplica).map(\.component) == ["Cache", "Cache", "Inventory"],
                "a Global datastore member and a sync bucket hold copies of the data; stack instances and peers do not")
        #expect(!deployment.regions.contains { $0.component == "Health" },
                "a health check's checker regions place nothing there")
    }

    /// SAM writes a `Globals` section into every resource of its type: a layer or key ARN in another region there
    /// fails as it does on the function (before, it passed; tester, round 35). A section no resource inherits places
    /// nothing.
    @Test func samGlobalsPlaceTheirRegionsForTheResourcesThatInheritThem() throws {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Layers: [arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:79]
                KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
              Api:
                Domain: {CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/abc}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {Handler: app.handler, CodeUri: src/, Runtime: python3.12}
            """
        #expect(try residency(text) == [
            "4:14 Globals.Function Globals.Function.Layers[0]",
            "5:16 Globals.Function Globals.Function.KmsKeyArn",
        ])
        // A primitive every function overrides reaches none of them; a list is added to, so it still does.
        let overridden = text.replacingOccurrences(of: "Runtime: python3.12}", with: """
            Runtime: python3.12, KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab, Layers: []}
            """)
        #expect(try residency(overridden) == ["4:14 Globals.Function Globals.Function.Layers[0]"])
        // A map is merged, a function's entry winning on a duplicate key: an entry every function sets reaches none.
        let queue = "arn:aws:sqs:eu-west-1:111122223333:dlq"
        let merged = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                DeadLetterQueue: {Type: SQS, TargetArn: \(queue)}
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {Handler: app.handler, CodeUri: src/, Runtime: python3.12, DeadLetterQueue: {TargetArn: arn:aws:sqs:us-east-1:111122223333:dlq}}
            """
        #expect(try residency(merged) == [])
        #expect(try residency(merged.replacingOccurrences(of: ", DeadLetterQueue: {TargetArn: arn:aws:sqs:us-east-1:111122223333:dlq}", with: "")).count == 1)
    }

    @Test func theStackSetOfTheReproducerFailsInJSONAsInYAML() throws {
        let yaml = """
            Resources:
              Set:
                Type: AWS::CloudFormation::StackSet
                Properties:
                  StackSetName: data
                  PermissionModel: SELF_MANAGED
                  StackInstancesGroup:
                    - DeploymentTargets: {Accounts: ["123456789012"]}
                      Regions: [eu-west-1]
              Peer: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: vpc-1, PeerVpcId: vpc-2, PeerRegion: eu-west-1}}
            """
        let json = """
            {"Resources": {
              "Set": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"StackSetName": "data",
                "PermissionModel": "SELF_MANAGED",
                "StackInstancesGroup": [{"DeploymentTargets": {"Accounts": ["123456789012"]}, "Regions": ["eu-west-1"]}]}},
              "Peer": {"Type": "AWS::EC2::VPCPeeringConnection",
                "Properties": {"VpcId": "vpc-1", "PeerVpcId": "vpc-2", "PeerRegion": {"Fn::Select": [0, ["eu-west-1"]]}}}
            }}
            """
        #expect(try residency(yaml) == [
            "9:21 Set Resources.Set.Properties.StackInstancesGroup[0].Regions[0]",
            "10:105 Peer Resources.Peer.Properties.PeerRegion",
        ])
        #expect(try residency(json, path: "template.json") == [
            "4:95 Set Resources.Set.Properties.StackInstancesGroup[0].Regions[0]",
            "6:74 Peer Resources.Peer.Properties.PeerRegion",
        ])
        let messages = try T.findings(yaml).filter { $0.ruleId == "MMC-RES-001" }.map(\.message)
        #expect(messages == [
            "Regions is 'eu-west-1': it places data in a region outside the allowed us-east-1",
            "PeerRegion is 'eu-west-1': it places data in a region outside the allowed us-east-1",
        ])
    }

    @Test func theStacksRegionAndAllowedValuesAreReadAsBefore() throws {
        let text = """
            Parameters:
              Peer: {Type: String, Default: us-east-1, AllowedValues: [us-east-1, eu-west-1]}
            Resources:
              Here: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: vpc-1, PeerVpcId: vpc-2, PeerRegion: !Ref 'AWS::Region'}}
              Sub: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: vpc-1, PeerVpcId: vpc-3, PeerRegion: !Sub '${AWS::Region}'}}
              Either: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: vpc-1, PeerVpcId: vpc-4, PeerRegion: !Ref Peer}}
              Ref: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: vpc-1, PeerVpcId: vpc-5, PeerRegion: !GetAtt Here.Id}}
            """
        #expect(try residency(text) == [
            "6:107 Either Resources.Either.Properties.PeerRegion",
            "7:104 Ref Resources.Ref.Properties.PeerRegion (cannot verify)",
        ])
    }

    /// cfn-lint's `good/transform.yaml`: a public SAR application is deployed into the stack's own region, whatever
    /// region its ARN names (where it was published); other ARNs of the resource still count.
    @Test func aServerlessApplicationRepositoryApplicationARNIsWhereItWasPublishedNotWhereDataGoes() throws {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              App:
                Type: AWS::Serverless::Application
                Properties:
                  Location:
                    ApplicationId: arn:aws:serverlessrepo:us-west-2:123456789012:applications/hello
                    SemanticVersion: 1.0.0
                  NotificationARNs: [arn:aws:sns:eu-west-1:123456789012:stack-events]
              Built:
                Type: AWS::Serverless::Application
                Properties:
                  Location:
                    ApplicationId: !Sub arn:${AWS::Partition}:serverlessrepo:us-west-2:${AWS::AccountId}:applications/hello
                    SemanticVersion: 1.0.0
            """
        #expect(try residency(text) == ["9:26 App Resources.App.Properties.NotificationARNs[0]"])
    }

    /// As Terraform's `availability_zone`: a volume in `eu-west-1a` keeps its data in eu-west-1, and a subnet whose
    /// zone ID is `euw1-az1` is in eu-west-1 (`AvailabilityZoneID`).
    @Test func availabilityZonesCountByTheirRegionAndTheStacksOwnZonesAreNoFinding() throws {
        let text = try T.fixture("fail-availability-zones.yaml")
        #expect(try residency(text) == [
            "14:94 Volume Resources.Volume.Properties.AvailabilityZone",
            "15:126 Group Resources.Group.Properties.AvailabilityZones[1]",
            "16:110 Template Resources.Template.Properties.LaunchTemplateData.Placement.AvailabilityZone",
            "17:88 Elsewhere Resources.Elsewhere.Properties.AvailabilityZone",
            "18:108 Undecided Resources.Undecided.Properties.AvailabilityZone (cannot verify)",
            "27:105 ById Resources.ById.Properties.AvailabilityZoneId",
        ])
        let messages = try T.findings(text).filter { $0.ruleId == "MMC-RES-001" }.map(\.message)
        #expect(messages == [
            "AvailabilityZone 'eu-west-1a' is 'eu-west-1': it places data in a region outside the allowed us-east-1",
            "AvailabilityZones 'ap-south-1b' is 'ap-south-1': it places data in a region outside the allowed us-east-1",
            "AvailabilityZone 'sa-east-1a' is 'sa-east-1': it places data in a region outside the allowed us-east-1",
            "AvailabilityZone (!GetAZs 'eu-central-1') is 'eu-central-1': it places data in a region outside the allowed us-east-1",
            "AvailabilityZone cannot be verified: parameter 'Free' has no Default; its value is chosen at deployment",
            "AvailabilityZoneId 'euw1-az1' is 'eu-west-1': it places data in a region outside the allowed us-east-1",
        ])
    }
}
