import PolicyCheckModel

/// A key scheduled for deletion must wait long enough to be recovered: AWS KMS deletes a key, and with it every way
/// to decrypt what it encrypted, when the waiting period (7–30 days, 30 by default) ends; until then the deletion
/// can be cancelled (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
public struct KeyDeletionWindowCheck: Check {
    public static let name = "byok.deletion-window"

    let minimumDays: Int

    public init(parameters: CheckParameters) {
        minimumDays = parameters.int("minDays", default: 30, range: 7...30)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.map { key in
            guard let window = key.deletionWindowDays else { return CheckResult(key.component, .notApplicable) }
            guard window.value < minimumDays else { return CheckResult(key.component, .pass) }
            return CheckResult(key.component, .fail([Evidence(
                "a scheduled deletion of the key waits \(window.value) day\(window.value == 1 ? "" : "s") before AWS KMS deletes it and everything it encrypted becomes unreadable; expected at least \(minimumDays) days to notice and cancel it",
                at: window.origin
            )]))
        }
    }
}
