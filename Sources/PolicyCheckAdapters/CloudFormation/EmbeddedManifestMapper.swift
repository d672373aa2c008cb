import PolicyCheckModel
import PolicyCheckSyntax

/// `Custom::AWSCDK-EKS-KubernetesResource` — what CDK's `eks.Cluster.addManifest` (and the Helm-free parts of its
/// constructs) synthesize: its `Manifest` property is the JSON text of the Kubernetes objects CDK's kubectl handler
/// applies to the cluster (`kubectl apply` of `JSON.parse(Manifest)`). Those objects are read as a Kubernetes
/// manifest is (a `type: LoadBalancer` Service's allowlist, an Ingress's annotations, …), each located at the
/// `Manifest` property and named `<logical id>/<Kind>/<namespace>/<name>`.
///
/// A manifest that cannot be read is an error of the template (exit 2, the gate fails closed, its other findings
/// still reported): text that is not JSON, or a manifest built at deployment (`Fn::Join` with references) whose
/// known parts do not parse once the unknown parts are read as text.
enum EmbeddedManifestMapper: ResourceMapper {
    static let types = ["Custom::AWSCDK-EKS-KubernetesResource"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        guard let node = context.resource.properties?.value["Manifest"] else { return }
        let manifest = context.properties.child("Manifest")
        let path = "\(context.resource.path).Properties.Manifest"
        let texts: [String]
        switch Self.texts(of: node, context: context) {
        case .success(let built):
            texts = built
        case .failure(let problem):
            deployment.notices.append(Diagnostic(deployment.source, offset: manifest.offset,
                                                 "\(path): the Kubernetes objects cannot be checked: \(problem.reason)"))
            return
        }
        let before = deployment.allowlists.count
        var seen: Set<String> = []
        for text in texts where seen.insert(text).inserted {
            read(text, at: manifest.offset, path: path, context: context, into: &deployment)
        }
        // The alternatives of a manifest (`!If` branches, parameter values) often hold the same object: one
        // allowlist for each object that reads the same.
        var kept: Set<String> = []
        var index = before
        while index < deployment.allowlists.count {
            let list = deployment.allowlists[index]
            let key = "\(list.component)|\(list.kind)|\(list.internetFacing)|" + list.entries.map {
                "\($0.cidr.value)|\(String(describing: $0.allPorts))|\($0.enabled)"
            }.joined(separator: ";")
            if kept.insert(key).inserted { index += 1 } else { deployment.allowlists.remove(at: index) }
        }
    }

    struct Unreadable: Error {
        var reason: String
    }

    /// The most texts a manifest's alternatives may spell (`!If` branches, parameters' allowed values), as for any
    /// expression of a template.
    static let maxTexts = IntrinsicResolver.maxAlternatives

    /// Every text the manifest may be: a string as written; `Fn::Join` and `Fn::Sub` spelt part by part, a part
    /// known only at deployment (a reference, an attribute) spelt `unknown` — CDK puts such tokens inside JSON
    /// strings — and a part with several values (`!If`) giving a text for each; `Fn::If` both branches. The known
    /// parts are never read for `${…}` again: a literal `${` in them is text.
    static func texts(of node: SourceNode, context: ResourceContext, depth: Int = 0) -> Result<[String], Unreadable> {
        guard depth < 16 else { return .failure(Unreadable(reason: "it nests intrinsic functions too deeply")) }
        // A short form (`!Ref Body`, `!Sub '…'`) is a function of its scalar, not the scalar's text.
        if node.tag == nil, let text = node.string { return .success([text]) }
        guard let call = Intrinsic.parse(node) else {
            if let text = node.string { return .success([text]) }
            return .failure(Unreadable(reason: "it is not a string"))
        }
        switch call.function {
        case "Fn::Join":
            guard let arguments = call.argument.items, arguments.count == 2, let delimiter = arguments[0].string,
                  let parts = arguments[1].items else {
                return .failure(Unreadable(reason: "its Fn::Join is not [delimiter, [parts]]"))
            }
            var texts = [""]
            for (position, part) in parts.enumerated() {
                switch partTexts(part, context: context, depth: depth) {
                case .success(let values):
                    guard let joined = combine(texts, position == 0 ? values : values.map { delimiter + $0 }) else {
                        return .failure(tooMany)
                    }
                    texts = joined
                case .failure(let problem):
                    return .failure(problem)
                }
            }
            return .success(texts)
        case "Fn::Sub":
            return sub(call.argument, context: context, depth: depth)
        case "Fn::If":
            guard let arguments = call.argument.items, arguments.count == 3 else {
                return .failure(Unreadable(reason: "its Fn::If is not [condition, then, else]"))
            }
            var texts: [String] = []
            for branch in arguments[1...] {
                if let branchCall = Intrinsic.parse(branch), branchCall.function == "Ref", branchCall.argument.string == "AWS::NoValue" {
                    continue
                }
                switch Self.texts(of: branch, context: context, depth: depth + 1) {
                case .success(let values): texts += values
                case .failure(let problem): return .failure(problem)
                }
            }
            return texts.count <= maxTexts && texts.reduce(0, { $0 + $1.utf8.count }) <= maxTextBytes
                ? .success(texts) : .failure(tooMany)
        default:
            return partTexts(node, context: context, depth: depth)
        }
    }

    /// How a part the template does not decide is spelt in a manifest's text.
    static let unknownText = "unknown"

    /// One part of a manifest: its known texts, else `unknown`.
    private static func partTexts(_ node: SourceNode, context: ResourceContext, depth: Int) -> Result<[String], Unreadable> {
        if let call = Intrinsic.parse(node), ["Fn::Join", "Fn::Sub", "Fn::If"].contains(call.function) {
            return texts(of: node, context: context, depth: depth + 1)
        }
        var values: [String] = []
        for value in context.resolver.resolve(node) {
            if value.isAbsent { continue }
            let text = value.scalarText ?? unknownText
            if !values.contains(text) { values.append(text) }
        }
        return .success(values.isEmpty ? [""] : values)
    }

    /// `Fn::Sub`: its string with each `${Name}` replaced by the variable's, parameter's or attribute's texts, and
    /// `${!Text}` written as `${Text}` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html).
    private static func sub(_ argument: SourceNode, context: ResourceContext, depth: Int) -> Result<[String], Unreadable> {
        let template: String
        var variables: [String: SourceNode] = [:]
        if let text = argument.string {
            template = text
        } else if let items = argument.items, items.count == 2, let text = items[0].string, let map = items[1].entries {
            template = text
            for entry in map where variables[entry.key] == nil { variables[entry.key] = entry.value }
        } else {
            return .failure(Unreadable(reason: "its Fn::Sub is not a string or [string, {variables}]"))
        }
        var texts = [""]
        var exceeded = false
        func append(_ values: [String]) {
            guard !exceeded else { return }
            if let combined = combine(texts, values) { texts = combined } else { exceeded = true }
        }
        var rest = Substring(template)
        while let open = rest.range(of: "${") {
            append([String(rest[..<open.lowerBound])])
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                append([String(rest[open.lowerBound...])])
                rest = ""
                break
            }
            let name = String(after[..<close])
            rest = after[after.index(after: close)...]
            if name.hasPrefix("!") {
                append(["${" + name.dropFirst() + "}"])
                continue
            }
            let node: SourceNode
            if let variable = variables[name] {
                node = variable
            } else {
                let function = name.contains(".") ? "Fn::GetAtt" : "Ref"
                node = SourceNode(.mapping([SourceEntry(key: function, keyOffset: argument.offset,
                                                        value: SourceNode(.string(name), offset: argument.offset))]),
                                  offset: argument.offset)
            }
            switch partTexts(node, context: context, depth: depth) {
            case .success(let values): append(values)
            case .failure(let problem): return .failure(problem)
            }
            if exceeded { return .failure(tooMany) }
        }
        append([String(rest)])
        return exceeded ? .failure(tooMany) : .success(texts)
    }

    /// The most bytes all the texts of one manifest may hold together: a part multiplied by the alternatives of
    /// the others is judged before it is built (a 200 KB literal joined with two parameters of 64 values each took
    /// 855 MB; review).
    static let maxTextBytes = 16 << 20

    private static let tooMany = Unreadable(reason: "it may take more than \(maxTexts) values or \(maxTextBytes >> 20) MiB of text")

    /// Every text of `prefixes` followed by every one of `values`, or `nil` when there would be more than
    /// `maxTexts` of them or more than `maxTextBytes` together — checked before anything is built.
    private static func combine(_ prefixes: [String], _ values: [String]) -> [String]? {
        guard prefixes.count * values.count <= maxTexts else { return nil }
        let prefixBytes = prefixes.reduce(0) { $0 + $1.utf8.count }
        let valueBytes = values.reduce(0) { $0 + $1.utf8.count }
        guard prefixBytes * values.count + valueBytes * prefixes.count <= maxTextBytes else { return nil }
        return prefixes.flatMap { prefix in values.map { prefix + $0 } }
    }

    private static func read(_ text: String, at offset: Int, path: String, context: ResourceContext,
                             into deployment: inout Deployment) {
        let root: SourceNode
        do {
            root = try JSONReader().read(Array(text.utf8))
        } catch {
            deployment.notices.append(Diagnostic(deployment.source, offset: offset,
                "\(path): the Kubernetes objects cannot be checked: the manifest is not JSON (\(error.message))"))
            return
        }
        let objects = root.items ?? [root]
        let reader = NodeReader(source: deployment.source)
        reader.internsPaths = true
        let before = deployment.allowlists.count
        for object in objects {
            let relocated = Self.relocated(object, to: offset)
            guard KubernetesAdapter.recognises(relocated) else { continue }
            KubernetesAdapter.forEachObject(in: relocated) { item in
                KubernetesAdapter.read(item, reader: reader, into: &deployment)
            }
        }
        for index in deployment.allowlists.indices.dropFirst(before) {
            deployment.allowlists[index].component = "\(context.component)/\(deployment.allowlists[index].component)"
        }
        deployment.notices += reader.diagnostics
    }

    /// The node with every offset at `offset`: the objects sit inside one string of the template, whose own
    /// positions name nothing in the file. Everything else a node holds is kept — its value and its YAML tag (`!Ref`,
    /// `!Join`, …: a YAML stack set body is read exactly as the same template in a file of its own).
    /// `node` and everything in it placed by `place` (a text's offsets turned into the file's, `EmbeddedLinePlaces`).
    static func relocated(_ node: SourceNode, by place: (Int) -> Int) -> SourceNode {
        switch node.value {
        case .sequence(let items):
            return SourceNode(.sequence(items.map { relocated($0, by: place) }), offset: place(node.offset), tag: node.tag)
        case .mapping(let entries):
            return SourceNode(.mapping(entries.map {
                SourceEntry(key: $0.key, keyOffset: place($0.keyOffset), value: relocated($0.value, by: place))
            }), offset: place(node.offset), tag: node.tag)
        case let value:
            return SourceNode(value, offset: place(node.offset), tag: node.tag)
        }
    }

    static func relocated(_ node: SourceNode, to offset: Int) -> SourceNode {
        switch node.value {
        case .sequence(let items):
            return SourceNode(.sequence(items.map { relocated($0, to: offset) }), offset: offset, tag: node.tag)
        case .mapping(let entries):
            return SourceNode(.mapping(entries.map {
                SourceEntry(key: $0.key, keyOffset: offset, value: relocated($0.value, to: offset))
            }), offset: offset, tag: node.tag)
        case let value:
            return SourceNode(value, offset: offset, tag: node.tag)
        }
    }
}
