import PolicyCheckModel

/// `AWS::Logs::LogGroup`: how long it keeps log events (`RetentionInDays`; absent: until deleted), the shortest
/// alternative when a parameter or condition decides it.
enum LogGroupMapper: ResourceMapper {
    static let types = ["AWS::Logs::LogGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let days = context.properties.child("RetentionInDays").days(absent: 0)
        deployment.logRetentions.append(LogRetention(component: context.component, days: days))
    }
}
