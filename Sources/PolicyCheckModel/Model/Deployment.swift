import PolicyCheckSyntax

/// One deployment as the rules see it, whatever format it was written in.
///
/// Adapters build it from manifests, plans and templates; rules read only this model. Absent parts are empty or
/// `nil`, and absence is never a finding by itself.
public struct Deployment: Sendable {
    /// The deployment's name as its author wrote it (`metadata.name`, or the file's name for infrastructure code).
    public var name: String
    /// The file it was read from (for a deployment spanning many files, the first, or the one that names it).
    public var source: SourceFile
    /// Further files the deployment was read from, for origins whose `fileIndex` is not 0.
    public private(set) var otherSources: [SourceFile] = []
    public var format: InputFormat
    /// The document root, for findings about the deployment as a whole.
    public var origin: Origin

    public var offering: Located<Offering>?
    public var region: Located<String>?
    public var customDomain: Located<String>?
    /// Capabilities the deployment asks for, for the offering rules.
    public var capabilities: [CapabilityRequest] = []
    public var dataStores: [DataStore] = []
    public var keys: [KeyDeclaration] = []
    /// Every region the deployment names or implies.
    public var regions: [RegionReference] = []
    public var allowlists: [Allowlist] = []
    public var backups: BackupPolicy?
    /// Further backup policies, one per backup plan, for inputs that declare several (Terraform `aws_backup_plan`).
    public var backupPolicies: [BackupPolicy] = []
    public var maintenance: Maintenance?
    /// Audit trails (CloudTrail); their log files' encryption is a `DataStore` of kind `logs`.
    public var auditTrails: [AuditTrail] = []
    /// Load-balancer listeners, for encryption in transit.
    public var listeners: [LoadBalancerListener] = []
    /// Rules added to Application Load Balancer listeners, judged with the listener they belong to.
    public var listenerRules: [LoadBalancerListenerRule] = []
    /// How long log destinations keep logs.
    public var logRetentions: [LogRetention] = []
    /// Whether traffic reaches the deployment privately (then allowlists are not internet-facing).
    public var privateConnectivity: Located<Bool>?
    /// Whether resource names are qualified with the deployment name (`acme-prod/database`). Infrastructure code
    /// names resources by their own addresses (`module.db.aws_rds_cluster.main`, a logical id), unqualified.
    public var qualifiesResourceNames = true
    /// Key material files: found in the tree, named to `keys verify`, or referenced by BYOK materials.
    public var keyFiles: [KeyFile] = []
    /// Suppressions written into the input (CloudFormation `Metadata.policycheck.ignore`, Kubernetes
    /// `policycheck.io/ignore` annotations). Comments are scanned separately, from the source text.
    public var inlineIgnores: [InlineIgnore] = []
    /// Resources made from one declaration that the adapter names apart (a CloudFormation `Fn::ForEach` loop's
    /// resources), by the name findings give them: what they map to is the same for each resource of a declaration.
    /// An inline ignore may cover findings of one declaration only (`InlineSuppressor`).
    public var loopDeclarations: [String: String] = [:]
    /// The whole document as the input wrote it, for custom rules' `raw.<path>` on the `deployment` kind.
    public var rawNode: SourceNode?
    /// What the input holds that the adapter could not read and so did not check, for the run: errors (a
    /// CloudFormation `Fn::Transform` among the resources, whose resources exist only once the macro runs) fail it
    /// as a broken input does while the deployment's findings are still reported; warnings only advise.
    public var notices: [Diagnostic] = []
    /// Values the input marks as secret (Terraform `sensitive`, CloudFormation `NoEcho`): findings print a
    /// placeholder in their place and count no value of theirs in a fingerprint.
    public var sensitiveValues = SensitiveValues()

    public init(name: String, source: SourceFile, format: InputFormat, origin: Origin) {
        self.name = name
        self.source = source
        self.format = format
        self.origin = origin
    }

    /// Every file the deployment was read from, in `Origin.fileIndex` order: `source` first.
    public var sourceFiles: [SourceFile] { [source] + otherSources }

    /// Adds a file the deployment spans and returns the index its origins use (`Origin(file:offset:path:)`).
    /// Adding a file twice returns its first index.
    public mutating func addSourceFile(_ file: SourceFile) -> Int {
        if file === source { return 0 }
        if let index = otherSources.firstIndex(where: { $0 === file }) { return index + 1 }
        precondition(otherSources.count + 1 < Origin.maxFiles, "a deployment spans at most \(Origin.maxFiles) files")
        otherSources.append(file)
        return otherSources.count
    }

    /// The file an origin is in.
    public func sourceFile(of origin: Origin) -> SourceFile {
        let index = origin.fileIndex
        return index == 0 || index > otherSources.count ? source : otherSources[index - 1]
    }

    /// Where an origin is, as findings and diagnostics show it: the one place origins become file, line and column.
    public func locate(_ origin: Origin) -> ResolvedLocation {
        ResolvedLocation(file: sourceFile(of: origin), offset: origin.offset)
    }

    /// The resource name findings use for a component, e.g. `acme-prod/database`, with any sensitive value it
    /// spells replaced: a CloudFormation loop over a `NoEcho` list names its resources after the values
    /// (`In&{Cidr}`).
    public func resource(_ component: String) -> String {
        if component.isEmpty { return name }
        return sensitiveValues.redact(qualifiesResourceNames ? "\(name)/\(component)" : component)
    }
}

/// The input formats policycheck reads.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    case native
    case terraformPlan = "terraform-plan"
    case cloudFormation = "cloudformation"
    case kubernetes
    case provisioner
    /// Files of key material (PEM, DER, raw keys) rather than manifests.
    case keyMaterial = "key-material"

    /// Infrastructure code states no offering and follows the IaC encryption baseline.
    public var isInfrastructureCode: Bool { self != .native && self != .provisioner && self != .keyMaterial }
}

/// The Mattermost Cloud offerings.
public enum Offering: String, Sendable, CaseIterable, Codable {
    case dedicated
    case shared
}
