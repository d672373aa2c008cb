/// The period report's content, computed once from the register's `PeriodData` and rendered as JSON, HTML and
/// Markdown.
public struct PeriodReport: Sendable {
    public var period: AuditPeriod
    public var runs: [PeriodData.Run]
    public var population: PopulationAnalysis
    public var controls: ControlOperation
    public var lifecycle: FindingLifecycle
    public var exceptions: ExceptionRegister
    public var sample: AuditSample

    public init(_ data: PeriodData, period: AuditPeriod) {
        self.period = period
        runs = data.runs
        population = PopulationAnalysis(data, period: period)
        controls = ControlOperation(data)
        lifecycle = FindingLifecycle(data, period: period)
        exceptions = ExceptionRegister(data)
        sample = AuditSample(data, period: period)
    }
}
