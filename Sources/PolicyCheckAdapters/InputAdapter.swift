import PolicyCheckModel
import PolicyCheckSyntax

/// Turns the documents of one input format into the normalised `Deployment` model.
///
/// One adapter per format; rules never see raw Terraform, CloudFormation or Kubernetes shapes.
public protocol InputAdapter: Sendable {
    static var format: InputFormat { get }
    /// Whether a document is in this adapter's format (detection by content, never by file name).
    static func recognises(_ document: SourceNode) -> Bool
    init()
    /// Reads the documents of one file. Documents the adapter does not recognise are ignored. Throws every problem
    /// that makes the input impossible to check.
    func deployments(from documents: [SourceNode], source: SourceFile, options: AdapterOptions) throws(Diagnostics) -> [Deployment]
}

/// An adapter that reads every document it recognises into one deployment of its own, independently.
public protocol DocumentAdapter: InputAdapter {
    /// Reads one recognised document; throws the problems that make it impossible to check.
    func deployment(from document: SourceNode, source: SourceFile, options: AdapterOptions) throws(Diagnostics) -> Deployment
}

extension DocumentAdapter {
    /// One deployment per recognised document; the problems of every document are reported together.
    public func deployments(from documents: [SourceNode], source: SourceFile,
                            options: AdapterOptions) throws(Diagnostics) -> [Deployment] {
        var deployments: [Deployment] = []
        var problems: [Diagnostic] = []
        for document in documents where Self.recognises(document) {
            do {
                deployments.append(try deployment(from: document, source: source, options: options))
            } catch {
                problems += error.items
            }
        }
        guard problems.isEmpty else { throw Diagnostics(problems) }
        return deployments
    }
}

/// Settings that shape how inputs are read.
public struct AdapterOptions: Sendable {
    /// The offering to assume for inputs that state none (infrastructure code).
    public var offering: Offering?
    /// Domains the platform serves workspaces under; a provisioner DNS name outside them is a custom URL.
    public var platformDomains: [String]
    /// Read inline ignores (CloudFormation `Metadata.policycheck.ignore`, Kubernetes `policycheck.io/ignore`) into
    /// `Deployment.inlineIgnores`; off for `--no-inline-ignores`, which neither honours nor checks them.
    public var readsInlineIgnores = true
    /// Terraform source: `--tf-var-file` files and `--tf-var name=value`s in the order given, read after the root
    /// module's own `.tfvars` (later wins).
    public var terraformVariableInputs: [TerraformVariableInput] = []
    /// The files this run checks, as keys of absolute standardized paths (`InputPath.key`), so a template that
    /// names another by a local path (a nested stack's `TemplateURL: stacks/child.yaml`) knows whether that one is
    /// checked too; `nil` when not known (a library caller reading one document), and then it is taken as not checked.
    package var checkedFiles: Set<PathKey>?
    /// The absolute directory of the file being read, against which it names other files; `nil` for standard input.
    public var inputDirectory: String?
    /// The tree the file was found in (a path's named on the command line): how far up a template's folders a SAM
    /// configuration that deploys it is sought. `nil`: the working directory's.
    package var tree: CheckedTree?
    /// The run's SAM configurations; `nil` when not gathered (a library caller reading one document), and then a
    /// template's folders alone are looked in.
    package var samConfigurations: SAMConfigurations?
    /// The `IngressClass` and `IngressClassParams` objects of the run's Kubernetes inputs, for Ingresses whose
    /// class another file defines; `nil` when not gathered (a library caller reading one document).
    package var ingressClasses: IngressClassCatalog?

    /// Mattermost Cloud's workspace domains.
    public static let defaultPlatformDomains = ["cloud.mattermost.com", "mattermost.cloud"]

    public init(offering: Offering? = nil, platformDomains: [String] = AdapterOptions.defaultPlatformDomains) {
        self.offering = offering
        self.platformDomains = platformDomains
    }
}

/// An adapter as a value: its format and type-erased entry points (no existential metatypes at call sites).
public struct RegisteredAdapter: Sendable {
    public let format: InputFormat
    public let recognises: @Sendable (SourceNode) -> Bool
    public let read: @Sendable ([SourceNode], SourceFile, AdapterOptions) -> Result<[Deployment], Diagnostics>

    public init<Adapter: InputAdapter>(_ type: Adapter.Type) {
        format = Adapter.format
        recognises = { Adapter.recognises($0) }
        read = { documents, source, options in
            do throws(Diagnostics) {
                return .success(try Adapter().deployments(from: documents, source: source, options: options))
            } catch {
                return .failure(error)
            }
        }
    }
}

/// The adapters, in detection order.
public enum AdapterRegistry {
    public static let all: [RegisteredAdapter] = [
        RegisteredAdapter(NativeManifestAdapter.self),
        RegisteredAdapter(TerraformPlanAdapter.self),
        RegisteredAdapter(CloudFormationAdapter.self),
        RegisteredAdapter(KubernetesAdapter.self),
        RegisteredAdapter(ProvisionerAdapter.self),
    ]

    public static func adapter(for format: InputFormat) -> RegisteredAdapter? {
        all.first { $0.format == format }
    }

    /// The first adapter that recognises any of the documents.
    public static func detect(_ documents: [SourceNode]) -> RegisteredAdapter? {
        all.first { adapter in documents.contains { adapter.recognises($0) } }
    }

    /// The first document of a stream that `chosen` does not read but another adapter would, and that adapter: a
    /// file mixing formats (a Kubernetes object and a CloudFormation template in one JSON or YAML stream) would
    /// otherwise have its other documents go unchecked.
    public static func otherFormat(in documents: [SourceNode], than chosen: RegisteredAdapter) -> (index: Int, adapter: RegisteredAdapter)? {
        guard documents.count > 1 else { return nil }
        for (index, document) in documents.enumerated() where !chosen.recognises(document) {
            if let other = all.first(where: { $0.format != chosen.format && $0.recognises(document) }) {
                return (index, other)
            }
        }
        return nil
    }
}
