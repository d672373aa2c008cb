import PolicyCheckModel

/// `AWS::Logs::LogGroup`: how long it keeps log events (`RetentionInDays`; absent: until deleted), the shortest
/// alternative when a parameter or condition decides it.
///
/// When `RetentionInDays` follows parameters whose allowed values are listed, each deployment scenario is resolved
/// on its own (`ParameterScenarios`), so a condition on the same parameter decides with it: AWS's WAF Security
/// Automations write `!If [LogGroupRetentionEnabled, !Ref LogGroupRetentionParam, !Ref AWS::NoValue]` with the
/// condition "the parameter is not -1", and each alternative judged at its worst made that "kept -1 days", a value
/// the condition keeps from the property (with -1, the group keeps its events until deleted).
enum LogGroupMapper: ResourceMapper {
    static let types = ["AWS::Logs::LogGroup"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        deployment.logRetentions.append(LogRetention(component: context.component, days: retention(context)))
    }

    /// The retention the group may be deployed with that keeps events the shortest (0: until deleted).
    static func retention(_ context: ResourceContext) -> StoreSetting<Int> {
        let property = context.properties.child("RetentionInDays")
        let whole = property.days(absent: 0)
        guard let scenarios = ParameterScenarios(context, keys: ["RetentionInDays"]) else { return whole }
        var kept: [StoreSetting<Int>] = []
        for scenario in scenarios.scenarios {
            let setting = context.properties(resolvedBy: scenario.resolver).child("RetentionInDays").days(absent: 0)
            // A scenario the mapper cannot tell: every alternative at its worst, as without scenarios.
            guard setting.value.known != nil else { return whole }
            kept.append(setting)
        }
        let expiring = kept.filter { $0.value.known != 0 }
        guard let shortest = expiring.min(by: { $0.value.known! < $1.value.known! }) else {
            return StoreSetting(.known(0), at: property.origin)
        }
        let days = shortest.value.known!
        let differ = Set(kept.compactMap(\.value.known)).count > 1
        return StoreSetting(.known(days), at: shortest.origin, note: differ ? property.worstCaseNote(worst: "\(days)") : nil)
    }
}
