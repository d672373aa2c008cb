import PolicyCheckModel
import PolicyCheckSyntax

/// Templates a template deploys as other stacks: an `AWS::CloudFormation::StackSet`'s inline `TemplateBody`, and the
/// templates that stack sets, nested stacks and SAM applications name by URL.
///
/// - A stack set's `TemplateBody` is "the structure that contains the template body"
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html):
///   a string holding a JSON or YAML template, from which CloudFormation creates a stack in every account and region
///   of the set. It is read as a template of its own — a deployment whose resources are named
///   `<stack set's logical id>/<logical id>`, every value located at `TemplateBody` (the body's own positions name
///   nothing in the file), its parameters at the values the stack set gives them (`StackSetParameters`). A body
///   that is not a template is an error (exit 2, the gate fails closed) while the rest is
///   still reported, as for a CDK manifest that is not JSON (`EmbeddedManifestMapper`).
/// - A `TemplateURL` (a nested stack's, "the URL of a file that contains the template body … in an Amazon S3 bucket",
///   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html;
///   a stack set's) and an `AWS::Serverless::Application`'s `Location` written as a URL (SAM deploys it as a nested
///   stack, https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html)
///   name a template that cannot be read here: a warning naming the resource and the URL, as for a Terraform module
///   from a remote source. A local path (`./child.yaml`, which `aws cloudformation package` uploads) is a file of the
///   checkout, checked as the template it is; a SAM application's `{ApplicationId, SemanticVersion}` is a Serverless
///   Application Repository application, read for its region only.
enum NestedTemplates {
    /// How deep stack sets may nest inside stack sets' bodies before the innermost are not read.
    static let maxDepth = 4

    /// The deployments of the stack sets' bodies (each with the bodies nested in it), and the template's notices about
    /// the templates it names but that cannot be read.
    static func read(_ template: Template, resolver: IntrinsicResolver, source: SourceFile, options: AdapterOptions,
                     prefix: String, depth: Int) -> (deployments: [Deployment], notices: [Diagnostic]) {
        var deployments: [Deployment] = []
        var notices: [Diagnostic] = []
        for resource in template.resources {
            let context = ResourceContext(resource: resource, template: template, resolver: resolver)
            switch resource.type {
            case "AWS::CloudFormation::StackSet":
                notices += urlNotice(context, property: "TemplateURL", source: source)
                guard let body = resource.properties?.value["TemplateBody"] else { continue }
                let read = bodies(body, context: context, source: source, options: options,
                                  prefix: prefix, depth: depth)
                deployments += read.deployments
                notices += read.notices
            case "AWS::CloudFormation::Stack":
                notices += urlNotice(context, property: "TemplateURL", source: source)
            case "AWS::Serverless::Application":
                notices += urlNotice(context, property: "Location", source: source)
            default:
                continue
            }
        }
        return (deployments, notices)
    }

    // MARK: - Bodies

    private static func bodies(_ body: SourceNode, context: ResourceContext, source: SourceFile,
                               options: AdapterOptions, prefix: String,
                               depth: Int) -> (deployments: [Deployment], notices: [Diagnostic]) {
        let path = "\(context.resource.path).Properties.TemplateBody"
        func problem(_ reason: String) -> Diagnostic {
            Diagnostic(source, offset: body.offset, "\(path): the stack set's template cannot be checked: \(reason)")
        }
        guard depth + 1 < maxDepth else { return ([], [problem("stack sets nest more than \(maxDepth - 1) deep")]) }
        let texts: [String]
        switch EmbeddedManifestMapper.texts(of: body, context: context) {
        case .success(let built): texts = built
        case .failure(let unreadable): return ([], [problem(unreadable.reason)])
        }
        var deployments: [Deployment] = []
        var notices: [Diagnostic] = []
        var seen: Set<String> = []
        let name = prefix + context.resource.logicalID
        let given = StackSetParameters(context)
        for text in texts where seen.insert(text).inserted {
            let root: SourceNode
            switch parse(text) {
            case .success(let parsed): root = EmbeddedManifestMapper.relocated(parsed, to: body.offset)
            case .failure(let reason):
                notices.append(problem(reason.text))
                continue
            }
            guard Template.recognises(root) || root["Resources"] != nil else {
                notices.append(problem("it is not a CloudFormation template (no 'Resources' section)"))
                continue
            }
            do {
                let read = try CloudFormationAdapter().read(root, source: source, options: options,
                                                            prefix: name + "/", depth: depth + 1, given: given)
                var set = read
                set[0].name = name
                set[0].qualifiesResourceNames = true
                deployments += set
            } catch {
                notices += error.items.map { problem($0.message) }
            }
        }
        return (deployments, notices)
    }

    /// A body's text as one document: JSON when it starts as a JSON object, YAML otherwise.
    private static func parse(_ text: String) -> Result<SourceNode, Reason> {
        let bytes = Array(text.utf8)
        do {
            if text.drop(while: { $0.isWhitespace }).first == "{" { return .success(try JSONReader().read(bytes)) }
            let documents = try YAMLReader().read(bytes)
            guard documents.count == 1, let root = documents.first else {
                return .failure(Reason("it holds \(documents.count) YAML documents, not one template"))
            }
            return .success(root)
        } catch {
            return .failure(Reason("it is not JSON or YAML (\(error.message))"))
        }
    }

    struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    // MARK: - Templates named by URL

    /// A warning for a template named by a URL (or by a value the template does not decide), none for a local path
    /// or a SAM application's `{ApplicationId, SemanticVersion}`.
    private static func urlNotice(_ context: ResourceContext, property: String, source: SourceFile) -> [Diagnostic] {
        let value = context.properties.child(property)
        var shown: [String] = []
        for alternative in value.alternatives {
            switch alternative {
            case .absent, .mapping: continue
            case .string(let text) where isLocalPath(text): continue
            case .unknown(_, let text?): shown.append(text)
            default: shown.append(alternative.scalarText ?? "a value known only at deployment")
            }
        }
        guard !shown.isEmpty else { return [] }
        let what = context.resource.type == "AWS::Serverless::Application" ? "application" : "stack"
        let url = shown.map { "'\(Excerpt.quote($0, limit: 160))'" }.joined(separator: " or ")
        return [Diagnostic(source, offset: value.offset,
                           "\(context.component): the nested \(what)'s template \(url) (\(property)) is not a local file; "
                           + "its resources are not checked (check that template too)", severity: .warning)]
    }

    /// Whether a template location is a file of the checkout (`child.yaml`, `./stacks/child.json`) rather than a
    /// URL (`https://…`, `s3://…`).
    static func isLocalPath(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("://")
    }
}
