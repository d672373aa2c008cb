/// The verdict of one rule on one resource, for the whole population (evidence bundles, JUnit test cases).
public struct RuleOutcome: Sendable, Hashable {
    public enum Status: String, Sendable, Codable {
        case pass, fail
        case notApplicable = "not-applicable"
        case cannotVerify = "cannot-verify"
    }

    public var ruleId: String
    public var resource: String
    public var file: String
    public var status: Status

    public init(ruleId: String, resource: String, file: String, status: Status) {
        self.ruleId = ruleId
        self.resource = resource
        self.file = file
        self.status = status
    }
}
