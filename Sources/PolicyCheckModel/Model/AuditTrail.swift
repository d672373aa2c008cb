/// An audit trail of API activity (AWS CloudTrail): whether it records, in every region, with files whose integrity
/// can be validated. Where its log files are encrypted is a `DataStore` of kind `logs`.
public struct AuditTrail: Sendable {
    /// The component or resource name (`logging/auditTrail`, `aws_cloudtrail.main`).
    public var component: String
    public var origin: Origin
    /// Whether the trail records (`enable_logging`, `IsLogging`); `nil`: not stated.
    public var logging: Located<Fact<Bool>>?
    /// Whether the trail records every region (`is_multi_region_trail`, `IsMultiRegionTrail`; AWS's default: no).
    public var multiRegion: Located<Fact<Bool>>?
    /// Whether CloudTrail writes digest files to validate log files (`enable_log_file_validation`,
    /// `EnableLogFileValidation`; AWS's default: no).
    public var logFileValidation: Located<Fact<Bool>>?
    /// Whether the trail's event selectors record every management event — read and write, from every event
    /// source (`EventSelectors`, `AdvancedEventSelectors`, `event_selector`, `advanced_event_selector`); the note
    /// says what they leave out. `nil`: no selectors, and a trail without them records all read and write
    /// management events (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html).
    public var managementEvents: StoreSetting<Bool>?

    public init(component: String, origin: Origin) {
        self.component = component
        self.origin = origin
    }
}
