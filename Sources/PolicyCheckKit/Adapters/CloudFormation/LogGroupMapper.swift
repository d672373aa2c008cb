/// `AWS::Logs::LogGroup`: how long it keeps log events (`RetentionInDays`; absent: until deleted), the shortest
/// alternative when a parameter or condition decides it.
enum LogGroupMapper: ResourceMapper {
    static let types = ["AWS::Logs::LogGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let retention = context.properties.child("RetentionInDays")
        let days: StoreSetting<Int>
        if retention.isAbsent {
            days = StoreSetting(.known(0), at: retention.origin)
        } else if let shortest = retention.integers()?.min() {
            days = StoreSetting(.known(shortest), at: retention.origin)
        } else {
            let reason = retention.alternatives.first { $0.scalarText.flatMap { Int($0) } == nil }?
                .unknownReason(expected: "a number of days") ?? "it is not a number of days"
            days = StoreSetting(.unknown(reason: reason), at: retention.origin)
        }
        deployment.logRetentions.append(LogRetention(component: context.component, days: days))
    }
}
