import PolicyCheckModel
import PolicyCheckSyntax

/// Templates a template deploys as other stacks: an `AWS::CloudFormation::StackSet`'s inline `TemplateBody`, and the
/// templates that stack sets, nested stacks and SAM applications name by URL.
///
/// - A stack set's `TemplateBody` is "the structure that contains the template body"
///   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html):
///   a string holding a JSON or YAML template, from which CloudFormation creates a stack in every account and region
///   of the set. It is read as a template of its own — a deployment whose resources are named
///   `<stack set's logical id>/<logical id>`, every value located at its own line when the body is a literal block
///   scalar whose lines are the file's (`EmbeddedLinePlaces`), else at `TemplateBody` (an escaped or built body's
///   positions name nothing in the file), its parameters at the values the stack set gives them (`StackSetParameters`). A body
///   the template does not decide (`!Ref` of a parameter without a default, `!ImportValue`) is chosen at deployment:
///   a warning, as for a template at a URL. A body that is not a template is an error (exit 2, the gate fails closed) while the rest is
///   still reported, as for a CDK manifest that is not JSON (`EmbeddedManifestMapper`).
/// - A `TemplateURL` (a nested stack's, "the URL of a file that contains the template body … in an Amazon S3 bucket",
///   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html;
///   a stack set's) and an `AWS::Serverless::Application`'s `Location` written as a URL (SAM deploys it as a nested
///   stack, https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html)
///   name a template that cannot be read here: a warning naming the resource and the URL, as for a Terraform module
///   from a remote source. A local path (`./child.yaml`, which `aws cloudformation package` uploads, relative to the
///   template's directory) is checked as the template it is when it is among the files of the run
///   (`AdapterOptions.checkedFiles`), else a warning too (a `stacks/child.cfn` the walk does not read, a file outside
///   the paths checked); a SAM application's `{ApplicationId, SemanticVersion}` is a Serverless Application
///   Repository application whose template is not read here: a warning, its ARN still read for its region.
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
                notices += urlNotice(context, property: "TemplateURL", source: source, options: options)
                guard let body = resource.properties?.value["TemplateBody"] else { continue }
                let read = bodies(body, context: context, source: source, options: options,
                                  prefix: prefix, depth: depth)
                deployments += read.deployments
                notices += read.notices
            case "AWS::CloudFormation::Stack":
                notices += urlNotice(context, property: "TemplateURL", source: source, options: options)
            case "AWS::Serverless::Application":
                notices += urlNotice(context, property: "Location", source: source, options: options)
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
            // A body (or a branch of its `!If`) the template does not decide — a parameter without a default, an
            // import — is spelt `unknown`: it is chosen at deployment and, like a template at a URL, not read here.
            if text == EmbeddedManifestMapper.unknownText, Intrinsic.parse(body) != nil {
                notices.append(chosenAtDeployment(body, context: context, source: source))
                continue
            }
            let root: SourceNode
            switch parse(text) {
            case .success(let parsed):
                // A literal block scalar's lines are the body's: each value at its own line (one place for every
                // resource let an inline ignore at `TemplateBody` cover them all); else all at `TemplateBody`.
                if let places = EmbeddedLinePlaces(text: Array(text.utf8), file: source.bytes, after: body.offset) {
                    root = EmbeddedManifestMapper.relocated(parsed, by: places.fileOffset)
                } else {
                    root = EmbeddedManifestMapper.relocated(parsed, to: body.offset)
                }
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

    /// The warning for a body whose value the template does not decide, with the resolver's reason.
    private static func chosenAtDeployment(_ body: SourceNode, context: ResourceContext,
                                           source: SourceFile) -> Diagnostic {
        var reason = "its value is known only at deployment"
        for value in context.resolver.resolve(body) {
            if case .unknown(let why, _) = value {
                reason = why
                break
            }
        }
        return Diagnostic(source, offset: body.offset,
                          "\(context.component): the stack set's template (TemplateBody) is chosen at deployment (\(reason)); "
                          + "its resources are not checked (check that template too)", severity: .warning)
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

    /// A warning for a template this run does not check: named by a URL (or by a value the template does not
    /// decide), by a local path that is not among the run's files, or a SAM application of the Serverless
    /// Application Repository. None for a local file the run checks.
    private static func urlNotice(_ context: ResourceContext, property: String, source: SourceFile,
                                  options: AdapterOptions) -> [Diagnostic] {
        let value = context.properties.child(property)
        let what = context.resource.type == "AWS::Serverless::Application" ? "application" : "stack"
        var shown: [String] = []
        var local: [String] = []
        var repository: [String] = []
        for alternative in value.alternatives {
            switch alternative {
            case .absent: continue
            case .mapping(let location):
                guard what == "application" else { continue }
                repository.append(applicationName(location, resolver: context.resolver))
            case .string(let text) where isLocalPath(text):
                if !isChecked(text, options: options) { local.append(text) }
            case .unknown(_, let text?): shown.append(text)
            default: shown.append(alternative.scalarText ?? "a value known only at deployment")
            }
        }
        func quoted(_ texts: [String]) -> String { Self.alternatives(texts) }
        let unchecked = "its resources are not checked (check that template too)"
        var notices: [Diagnostic] = []
        if !shown.isEmpty {
            notices.append(Diagnostic(source, offset: value.offset,
                "\(context.component): the nested \(what)'s template \(quoted(shown)) (\(property)) is not a local file; \(unchecked)",
                severity: .warning))
        }
        if !local.isEmpty {
            notices.append(Diagnostic(source, offset: value.offset,
                "\(context.component): the nested \(what)'s template \(quoted(local)) (\(property)) is not a file this run checks; \(unchecked)",
                severity: .warning))
        }
        if !repository.isEmpty {
            notices.append(Diagnostic(source, offset: value.offset,
                "\(context.component): the nested application's template is the Serverless Application Repository's \(repository.joined(separator: " or ")) (\(property)); \(unchecked)",
                severity: .warning))
        }
        return notices
    }

    /// `application 'arn:…' version 1.0.0`, from a SAM application's `{ApplicationId, SemanticVersion}`.
    private static func applicationName(_ location: SourceNode, resolver: IntrinsicResolver) -> String {
        func text(_ key: String) -> String {
            guard let node = location[key] else { return "not set" }
            let values = resolver.resolve(node)
            let texts = values.map { value -> String in
                if let text = value.scalarText { return text }
                if case .unknown(_, let text?) = value { return text }
                return "a value known only at deployment"
            }
            return alternatives(texts)
        }
        return "application \(text("ApplicationId")) version \(text("SemanticVersion"))"
    }

    /// The values a setting may take, each once, quoted and joined by "or": a region-keyed `!FindInMap` whose
    /// fifteen entries all hold `1.0.3` gave `'1.0.3' or '1.0.3' or …` fifteen times (tester, round 33).
    private static func alternatives(_ texts: [String]) -> String {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }.map { "'\(Excerpt.quote($0, limit: 160))'" }.joined(separator: " or ")
    }

    /// Whether a local template path names a file this run checks, relative to the directory of the template that
    /// names it (as `aws cloudformation package` reads it).
    private static func isChecked(_ path: String, options: AdapterOptions) -> Bool {
        guard let files = options.checkedFiles, let directory = options.inputDirectory else { return false }
        return files.contains(InputPath.key(path, in: directory))
    }

    /// Whether a template location is a file of the checkout (`child.yaml`, `./stacks/child.json`) rather than a
    /// URL (`https://…`, `s3://…`).
    static func isLocalPath(_ text: String) -> Bool {
        !text.isEmpty && !text.contains("://")
    }
}
