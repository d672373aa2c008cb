import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Which parts of a plan are read: `resource_changes`, else `planned_values`, else a state's `values`; which
/// resources count; recognition; and adapter options.
@Suite struct TerraformPlanSourceTests {
    typealias Plan = TerraformPlanBuilder

    @Test func deletedResourcesAndDataSourcesAreLeftOut() throws {
        var plan = Plan()
        plan.change("aws_db_instance.old", "aws_db_instance", after: nil, actions: ["delete"])
        plan.change("aws_ebs_volume.gone", "aws_ebs_volume", after: nil, actions: ["forget"])
        plan.change("data.aws_db_instance.peer", "aws_db_instance", after: ["storage_encrypted": false], actions: ["read"], mode: "data")
        plan.change("aws_db_instance.new", "aws_db_instance", after: ["storage_encrypted": true], actions: ["delete", "create"])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.map(\.component) == ["aws_db_instance.new"])
    }

    /// A replacement is judged whichever comes first (`create_before_destroy` writes create, then delete), and its
    /// message does not say an order the plan may not have.
    @Test(arguments: [["delete", "create"], ["create", "delete"]])
    func aReplacedStoreIsFlaggedInEitherOrder(actions: [String]) throws {
        var plan = Plan()
        plan.change("aws_db_instance.db", "aws_db_instance", after: ["storage_encrypted": true], actions: actions)
        let finding = try #require(try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
            .first { $0.message.hasPrefix("the plan replaces") })
        #expect(finding.message.hasPrefix("the plan replaces the database with a new one (its actions delete and create, in either order)"),
                "\(finding.message)")
    }

    /// A deferred change (`deferred_changes`) is applied by a later plan that no gate on this one sees: it was left
    /// out, so an unencrypted database whose `for_each` Terraform deferred passed. Terraform omits an empty
    /// `resource_changes`, so a plan may hold deferred changes alone.
    @Test func deferredChangesAreJudgedAsThePlanKnowsThem() throws {
        let json = """
        {"format_version": "1.2", "terraform_version": "1.14.0", "complete": false,
         "deferred_changes": [{"reason": "instance_count_unknown", "resource_change": {
           "address": "aws_db_instance.main[*]", "mode": "managed", "type": "aws_db_instance", "name": "main",
           "index_unknown": true, "change": {"actions": ["create"], "before": null,
             "after": {"engine": "postgres", "storage_encrypted": false}, "after_unknown": {"id": true}}}},
           {"reason": "deferred_prereq", "resource_change": {"address": "data.aws_db_instance.peer", "mode": "data",
             "type": "aws_db_instance", "name": "peer", "change": {"actions": ["read"], "after": {"storage_encrypted": false}}}}]}
        """
        let deployment = try TerraformFixture.deployment(json: json)
        let store = try #require(deployment.dataStores.first)
        #expect(deployment.dataStores.count == 1)
        #expect(store.encryption.atRest?.value == .known(false))
        #expect(store.encryption.atRest?.origin.path == "deferred_changes[0].resource_change.change.after.storage_encrypted")
    }

    @Test func plannedValuesAreReadWhenThereAreNoResourceChanges() throws {
        let json = """
        {"format_version": "0.1", "planned_values": {"root_module": {"child_modules": [{"address": "module.db",
          "resources": [{"address": "module.db.aws_db_instance.main", "mode": "managed", "type": "aws_db_instance",
                         "name": "main", "values": {"storage_encrypted": false}}]}]}}}
        """
        let deployment = try TerraformFixture.deployment(json: json)
        let store = try #require(deployment.dataStores.first)
        #expect(store.component == "module.db.aws_db_instance.main")
        #expect(store.encryption.atRest?.value == .known(false))
        #expect(store.encryption.atRest?.origin.path == "planned_values.root_module.child_modules[0].resources[0].values.storage_encrypted")
    }

    @Test func stateValuesAreReadToo() throws {
        let json = """
        {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
          {"address": "aws_ebs_volume.data", "mode": "managed", "type": "aws_ebs_volume", "name": "data",
           "values": {"encrypted": true, "kms_key_id": "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}]}}}
        """
        let deployment = try TerraformFixture.deployment(json: json)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value.known?.hasSuffix("1234567890ab") == true)
        #expect(deployment.regions.map(\.region) == ["eu-central-1"])
        #expect(deployment.regions.first?.role == "region in the KMS key ARN")
    }

    @Test func offeringComesOnlyFromTheOptions() throws {
        let plan = Plan()
        #expect(try TerraformFixture.deployment(json: plan.json).offering == nil)
        let deployment = try TerraformFixture.deployment(json: plan.json, options: AdapterOptions(offering: .shared))
        #expect(deployment.offering?.value == .shared)
        #expect(deployment.offering?.origin == Origin(offset: 0, path: ""))
        #expect(deployment.qualifiesResourceNames == false)
    }

    @Test func providerRegionsAreNamedByProvider() throws {
        var plan = Plan()
        plan.providers = [
            "aws": ["name": "aws", "expressions": ["region": ["constant_value": "us-east-1"]]],
            "aws.ohio": ["name": "aws", "alias": "ohio", "expressions": ["region": ["constant_value": "us-east-2"]]],
            "module.edge:aws": ["name": "aws", "module_address": "module.edge",
                                "expressions": ["region": ["constant_value": "eu-west-2"]]],
        ]
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.regions.map { "\($0.component)=\($0.region)" }.sorted()
            == ["module.edge.provider.aws=eu-west-2", "provider.aws.ohio=us-east-2", "provider.aws=us-east-1"])
        #expect(deployment.region?.value == "us-east-1")
    }

    @Test(arguments: [
        (#"{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {}}"#, true),
        (#"{"resource_changes": []}"#, true),
        (#"{"format_version": "1.0", "values": {}}"#, true),
        (#"{"format_version": "1.2"}"#, false),
        (#"{"apiVersion": "policycheck/v1", "kind": "Deployment", "format_version": "1", "values": {}}"#, false),
        (#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}"#, false),
        (#"[{"format_version": "1.2", "planned_values": {}}]"#, false),
    ])
    func recognisesPlansByContent(json: String, recognised: Bool) throws {
        #expect(TerraformPlanAdapter.recognises(try JSONReader().read(Array(json.utf8))) == recognised)
    }
}
