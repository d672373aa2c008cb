@testable import PolicyCheckAdapters
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The Terraform readers read a `TerraformResourceGraph`, never the plan JSON behind it: a second implementation of
/// the graph (here, one that shows only the root module's resources, as a source reader of one module would) is
/// read by the same readers, unchanged, and what they see is all that reaches the model.
@Suite struct TerraformReaderSeamTests {
    /// The plan's resources outside modules only, relations and regions delegated to the plan.
    private struct RootModuleGraph: TerraformResourceGraph {
        let plan: TerraformPlan
        var resources: [TerraformResource] { plan.resources.filter { $0.moduleAddress.isEmpty } }
        func resources(ofType types: Set<String>) -> [TerraformResource] {
            plan.resources(ofType: types).filter { $0.moduleAddress.isEmpty }
        }
        func count(ofType types: Set<String>) -> Int { resources(ofType: types).count }
        func referenced(by attribute: TerraformAttribute, of resource: TerraformResource, types: Set<String>,
                        through: [String: String]) -> TerraformResource? {
            plan.referenced(by: attribute, of: resource, types: types, through: through)
        }
        func referencedEach(by attribute: TerraformAttribute, of resource: TerraformResource,
                            types: Set<String>) -> [(reference: String, target: TerraformResource?)] {
            plan.referencedEach(by: attribute, of: resource, types: types)
        }
        var providers: TerraformProviderRegions { plan.providers }
        func providerConfigKey(of resource: TerraformResource) -> String? { plan.providerConfigKey(of: resource) }
    }

    private func plan() throws -> (TerraformPlan, SourceFile) {
        var builder = TerraformPlanBuilder()
        builder.change("aws_db_instance.root", "aws_db_instance", after: ["storage_encrypted": false])
        builder.change("module.db.aws_db_instance.inner", "aws_db_instance", after: ["storage_encrypted": true],
                       module: "module.db")
        builder.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "logs"])
        builder.change("aws_kms_key.data", "aws_kms_key", after: ["enable_key_rotation": true])
        let source = SourceFile(path: "plan.json", bytes: Array(builder.json.utf8))
        return (try TerraformPlan(root: try JSONReader().read(source.bytes), source: source), source)
    }

    private func read(_ graph: any TerraformResourceGraph, source: SourceFile) -> Deployment {
        var deployment = Deployment(name: "plan.json", source: source, format: .terraformPlan,
                                    origin: Origin(offset: 0, path: ""))
        let reading = TerraformReading(graph)
        for type in TerraformPlanAdapter.readers {
            var reader = type.init(reading)
            reader.read(into: &deployment)
        }
        return deployment
    }

    @Test func thePlanAdapterIsItsReadersRunOverThePlan() throws {
        let (plan, source) = try plan()
        let direct = read(plan, source: source)
        let adapted = try TerraformPlanAdapter().deployment(from: plan.root, source: source)
        #expect(direct.dataStores.map(\.component) == adapted.dataStores.map(\.component))
        #expect(direct.keys.map(\.component) == adapted.keys.map(\.component))
        #expect(direct.regions.map(\.region) == adapted.regions.map(\.region))
        #expect(direct.dataStores.map(\.component).contains("module.db.aws_db_instance.inner"))
    }

    @Test func anotherGraphIsReadByTheSameReaders() throws {
        let (plan, source) = try plan()
        let deployment = read(RootModuleGraph(plan: plan), source: source)
        #expect(deployment.dataStores.map(\.component).sorted() == ["aws_db_instance.root", "aws_s3_bucket.logs"])
        #expect(deployment.keys.map(\.component) == ["aws_kms_key.data"])
    }

    @Test func theReadersRunKeysFirstAndRegionsLast() {
        let names = TerraformPlanAdapter.readers.map { String(describing: $0) }
        #expect(names.first == "TerraformKeyReader")
        #expect(names.last == "TerraformRegionReader")
        #expect(Set(names).count == names.count)
    }
}
