import PolicyCheckModel

/// `AWS::Lightsail::Database` becomes a database store, as Terraform's `aws_lightsail_database` does
/// (`LightsailDatabase`): public when `PubliclyAccessible` is true in any branch (not set: private, the API's default).
enum LightsailDatabaseMapper: ResourceMapper {
    static let types = ["AWS::Lightsail::Database"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        var store = DataStore(kind: .database, component: context.component, origin: context.modelOrigin,
                              encryption: Encryption(origin: context.modelOrigin))
        LightsailDatabase.describe(&store, at: context.modelOrigin)
        store.publicAccess = context.properties.child("PubliclyAccessible").bool(worse: true, absentMeans: false)
        deployment.dataStores.append(store)
    }
}
