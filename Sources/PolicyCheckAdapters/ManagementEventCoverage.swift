import PolicyCheckModel

/// Which management events a trail's event selectors record, judged as CloudTrail applies them: an event is logged
/// when it matches any selector (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html).
///
/// "Every management event" is read and write events from every event source. A basic selector records them unless
/// `IncludeManagementEvents` is false (default true), of the kind `ReadWriteType` names (default `All`), less the
/// sources in `ExcludeManagementEventSources` (only `kms.amazonaws.com` and `rdsdata.amazonaws.com` can be left out).
/// An advanced selector records them when its `eventCategory` equals `Management`, filtered by its `readOnly` (`true`:
/// read events only, `false`: write events only) and `eventSource` field selectors
/// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html). A trail that leaves
/// out write events misses every change; one that leaves out read events misses the Describe/List/Get calls that
/// show who looked at what; one that leaves out AWS KMS events misses the record of customer-key use
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html).
struct ManagementEventCoverage {
    /// One field selector of an advanced event selector: its field and each operator with its values.
    struct FieldSelector {
        let field: Fact<String>
        /// `Equals`, `NotEquals`, `StartsWith`, `NotStartsWith`, `EndsWith`, `NotEndsWith` (any spelling case).
        let operators: [(name: String, values: [Fact<String>])]
    }

    private enum Kind: CaseIterable { case read, write }
    private enum Source: CaseIterable { case kms, rdsData, other }
    private struct Cell: Hashable { let kind: Kind; let source: Source }

    private static let kmsSource = "kms.amazonaws.com"
    private static let rdsDataSource = "rdsdata.amazonaws.com"

    /// How the input spells the settings its messages name.
    struct Spelling {
        let includeManagementEvents, readWriteType, excludedSources, field: String
        static let cloudFormation = Spelling(includeManagementEvents: "IncludeManagementEvents", readWriteType: "ReadWriteType",
                                             excludedSources: "ExcludeManagementEventSources", field: "Field")
        static let terraform = Spelling(includeManagementEvents: "include_management_events", readWriteType: "read_write_type",
                                        excludedSources: "exclude_management_event_sources", field: "field")
    }

    let spelling: Spelling
    private var covered: Set<Cell> = []
    private var unknown: String?
    /// Whether some selector records management events only from sources it names.
    private var chosenSourcesOnly = false

    init(spelling: Spelling) {
        self.spelling = spelling
    }

    /// A basic event selector. `readWriteType` is `nil` when not set (`All`).
    mutating func addBasic(includeManagementEvents: Fact<Bool>, readWriteType: Fact<String>?, excludedSources: [Fact<String>]) {
        switch includeManagementEvents {
        case .known(false): return
        case .unknown(let reason): unknown = unknown ?? "\(spelling.includeManagementEvents): \(reason)"; return
        case .known(true): break
        }
        let kinds: [Kind]
        switch readWriteType ?? .known("All") {
        case .known(let text) where text.caseInsensitiveCompare("All") == .orderedSame: kinds = [.read, .write]
        case .known(let text) where text.caseInsensitiveCompare("ReadOnly") == .orderedSame: kinds = [.read]
        case .known(let text) where text.caseInsensitiveCompare("WriteOnly") == .orderedSame: kinds = [.write]
        case .known(let text): unknown = unknown ?? "\(spelling.readWriteType) '\(text)' is none of All, ReadOnly, WriteOnly"; return
        case .unknown(let reason): unknown = unknown ?? "\(spelling.readWriteType): \(reason)"; return
        }
        var excluded: Set<Source> = []
        for source in excludedSources {
            guard let text = source.known else {
                if case .unknown(let reason) = source { unknown = unknown ?? "\(spelling.excludedSources): \(reason)" }
                return
            }
            excluded.insert(Self.source(named: text))
        }
        for kind in kinds { for source in Source.allCases where !excluded.contains(source) { covered.insert(Cell(kind: kind, source: source)) } }
    }

    /// An advanced event selector: the conjunction of its field selectors.
    mutating func addAdvanced(_ fields: [FieldSelector]) {
        var byField: [String: [(name: String, values: [String])]] = [:]
        for field in fields {
            guard let name = field.field.known else {
                if case .unknown(let reason) = field.field { unknown = unknown ?? "an advanced event selector's \(spelling.field): \(reason)" }
                return
            }
            for (operatorName, values) in field.operators {
                var texts: [String] = []
                for value in values {
                    guard let text = value.known else {
                        if case .unknown(let reason) = value { unknown = unknown ?? "the \(name) field selector: \(reason)" }
                        return
                    }
                    texts.append(text)
                }
                byField[name, default: []].append((operatorName, texts))
            }
        }
        // eventCategory is required and must equal Management for the selector to record management events.
        guard let category = byField["eventCategory"], Self.matches(category, "Management") else { return }
        let kinds = Kind.allCases.filter { kind in
            byField["readOnly"].map { Self.matches($0, kind == .read ? "true" : "false") } ?? true
        }
        var sources: [Source] = []
        if let chosen = byField["eventSource"] {
            if Self.matches(chosen, Self.kmsSource) { sources.append(.kms) }
            if Self.matches(chosen, Self.rdsDataSource) { sources.append(.rdsData) }
            // Other sources are all recorded only when the selector leaves out no more than the two AWS allows.
            let onlyLeavesOut = chosen.allSatisfy { $0.name.caseInsensitiveCompare("NotEquals") == .orderedSame
                && $0.values.allSatisfy { [Self.kmsSource, Self.rdsDataSource].contains($0) } }
            if onlyLeavesOut { sources.append(.other) } else { chosenSourcesOnly = true }
        } else {
            sources = Source.allCases
        }
        for kind in kinds { for source in sources { covered.insert(Cell(kind: kind, source: source)) } }
    }

    /// The judgement: on when every management event is recorded; unknown when a selector that cannot be read might
    /// record the rest; off with a note naming what is left out.
    func setting(at origin: Origin) -> StoreSetting<Bool> {
        let all = Set(Kind.allCases.flatMap { kind in Source.allCases.map { Cell(kind: kind, source: $0) } })
        if covered == all { return StoreSetting(.known(true), at: origin) }
        if let unknown { return StoreSetting(.unknown(reason: unknown), at: origin) }
        return StoreSetting(.known(false), at: origin, note: missingNote)
    }

    /// What the selectors leave out, in words.
    private var missingNote: String {
        if covered.isEmpty { return "no event selector records management events" }
        let hasRead = covered.contains { $0.kind == .read }
        let hasWrite = covered.contains { $0.kind == .write }
        var parts: [String] = []
        if !hasWrite { parts.append("only read-only management events are recorded, so API calls that change resources go unrecorded") }
        if !hasRead { parts.append("only write management events are recorded, so read-only API calls (Describe, List, Get) go unrecorded") }
        func missing(_ source: Source) -> Bool {
            Kind.allCases.contains { kind in (kind == .read ? hasRead : hasWrite) && !covered.contains(Cell(kind: kind, source: source)) }
        }
        if missing(.kms) { parts.append("management events of \(Self.kmsSource) are left out, so the use of AWS KMS keys goes unrecorded") }
        if missing(.rdsData) { parts.append("management events of \(Self.rdsDataSource) (RDS Data API calls) are left out") }
        if missing(.other) {
            parts.append(chosenSourcesOnly ? "management events are recorded only from the event sources a selector names"
                                           : "management events of some event sources are left out")
        }
        return parts.joined(separator: "; ")
    }

    private static func source(named name: String) -> Source {
        switch name.lowercased() {
        case kmsSource: return .kms
        case rdsDataSource: return .rdsData
        default: return .other
        }
    }

    /// Whether an event whose field has `value` passes every operator given for that field (they all apply).
    private static func matches(_ operators: [(name: String, values: [String])], _ value: String) -> Bool {
        operators.allSatisfy { name, values in
            switch name.lowercased() {
            case "equals": values.contains(value)
            case "notequals": !values.contains(value)
            case "startswith": values.contains { value.hasPrefix($0) }
            case "notstartswith": !values.contains { value.hasPrefix($0) }
            case "endswith": values.contains { value.hasSuffix($0) }
            case "notendswith": !values.contains { value.hasSuffix($0) }
            default: false
            }
        }
    }

    /// The advanced field selector operators, as CloudFormation spells them (Terraform: snake case).
    static let operatorNames = ["Equals", "NotEquals", "StartsWith", "NotStartsWith", "EndsWith", "NotEndsWith"]
}
