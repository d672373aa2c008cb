import PolicyCheckModel
import PolicyCheckSyntax

/// Audit trails must record, in every region, with log files whose integrity can be validated: a single-region trail
/// misses API activity in other regions, and without digest files a deleted or altered log file goes unnoticed
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html,
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html),
/// and its event selectors must record every management event, read and write, from every event source: a trail
/// whose selectors leave them out records data events only, or part of the API activity
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html).
public struct AuditTrailCheck: Check {
    public static let name = "logging.audit-trail"

    /// The settings a rule asks for.
    enum Setting: String, CaseIterable {
        case logging
        case multiRegion = "multi-region"
        case logFileValidation = "log-file-validation"
        case managementEvents = "management-events"
    }

    let required: [Setting]

    public init(parameters: CheckParameters) {
        let names = parameters.strings("require", default: Setting.allCases.map(\.rawValue))
        var settings: [Setting] = []
        for name in names {
            guard let setting = Setting(rawValue: name) else {
                parameters.reject("require", "'require' takes \(Setting.allCases.map(\.rawValue).joined(separator: ", ")), found '\(Excerpt.quote(name))'")
                continue
            }
            settings.append(setting)
        }
        required = settings
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.auditTrails.map { trail in
            var failures: [Evidence] = []
            var unknowns: [Evidence] = []
            for setting in required {
                let (stated, off, subject) = Self.describe(setting, of: trail)
                switch stated?.value {
                case .known(true)?:
                    continue
                case .unknown(let reason)?:
                    unknowns.append(Evidence("\(subject) cannot be verified: \(reason)", at: stated!.origin))
                case .known(false)?, nil:
                    failures.append(Evidence(off, at: stated?.origin ?? trail.origin))
                }
            }
            if !failures.isEmpty { return CheckResult(trail.component, .fail(failures)) }
            if !unknowns.isEmpty { return CheckResult(trail.component, .cannotVerify(unknowns)) }
            return CheckResult(trail.component, .pass)
        }
    }

    /// The stated value of a setting, what its absence or `false` means, and what cannot be verified when unknown.
    /// A trail that does not say whether it records is recording (CloudTrail starts logging when a trail is created).
    private static func describe(_ setting: Setting, of trail: AuditTrail) -> (Located<Fact<Bool>>?, String, String) {
        switch setting {
        case .logging:
            return (trail.logging ?? Located(.known(true), at: trail.origin),
                    "the trail does not record API activity (logging is stopped); expected it to record",
                    "whether the trail records")
        case .multiRegion:
            return (trail.multiRegion,
                    "the trail records one region only, so API activity in other regions goes unrecorded; expected a multi-region trail",
                    "whether the trail records every region")
        case .logFileValidation:
            return (trail.logFileValidation,
                    "log file validation is off, so a deleted or altered log file goes unnoticed; expected log file integrity validation on",
                    "log file validation")
        case .managementEvents:
            // No event selectors: CloudTrail records all read and write management events.
            let setting = trail.managementEvents
            return (setting.map { Located($0.value, at: $0.origin) } ?? Located(.known(true), at: trail.origin),
                    "the trail's event selectors do not record every management event (API activity): \(setting?.note ?? "some are left out"); expected read and write management events from every event source",
                    "whether the trail's event selectors record every management event")
        }
    }
}
