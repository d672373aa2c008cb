import PolicyCheckSyntax

/// Terraform's JSON configuration syntax (`.tf.json`) read into the same tree as native syntax, so a module may
/// mix both. https://developer.hashicorp.com/terraform/language/syntax/json
///
/// Strings are templates (`"${var.x}"`), except a variable's `default` (a literal value) and the few arguments
/// whose strings are expressions (`type`, `provider`, `providers`, `iterator`, `depends_on`). Inside a resource,
/// data source or provider, which JSON properties are nested blocks is the provider's schema's to say, which
/// policycheck does not have: a property holding an object, or a list of objects, is read as a nested block
/// unless its name is one of the common map arguments (`tags`, `labels`, `variables`, …) or its keys are not all
/// names. A nested block and a list of objects give the same value, so only a single object is in doubt.
struct TerraformJSONSyntax {
    let reader: HCLReader

    /// Map-valued arguments that are never nested blocks.
    static let mapArguments: Set<String> = ["tags", "tags_all", "labels", "variables", "triggers", "parameters", "environment_variables"]

    private enum BodyKind {
        /// Every property an argument (module calls, outputs, locals).
        case arguments
        /// A resource, data source or provider's own body: meta-arguments and meta-blocks, then nested blocks by shape.
        case resource
        /// A nested block's body: nested blocks by shape; `lifecycle` here is the provider's block, not Terraform's
        /// (`aws_backup_plan`'s `rule { lifecycle { … } }`).
        case schema
        case variable
        case dynamic
    }

    func body(_ bytes: [UInt8]) throws(SyntaxError) -> HCLBody {
        let root = try JSONReader().read(bytes)
        guard let entries = root.entries else {
            throw SyntaxError(offset: root.offset, message: "a .tf.json file must hold one JSON object")
        }
        var blocks: [HCLBlock] = []
        var attributes: [HCLAttribute] = []
        for entry in entries where entry.key != "//" {
            switch entry.key {
            case "resource", "data":
                for type in try members(entry.value, "\(entry.key) types") {
                    for name in try members(type.value, "\(entry.key) names") {
                        for body in try bodies(name.value, .resource) {
                            blocks.append(HCLBlock(type: entry.key, offset: name.keyOffset, labels: [label(type), label(name)], body: body))
                        }
                    }
                }
            case "module", "output", "variable", "provider":
                let kind: BodyKind = entry.key == "variable" ? .variable : entry.key == "provider" ? .resource : .arguments
                for name in try members(entry.value, "\(entry.key) names") {
                    for body in try bodies(name.value, kind) {
                        blocks.append(HCLBlock(type: entry.key, offset: name.keyOffset, labels: [label(name)], body: body))
                    }
                }
            case "locals":
                for body in try bodies(entry.value, .arguments) {
                    blocks.append(HCLBlock(type: "locals", offset: entry.keyOffset, labels: [], body: body))
                }
            default:
                // `terraform`, `moved`, `import`, `check`, `removed`: not evaluated (as in native syntax).
                if entry.value.isMapping || entry.value.isSequence {
                    blocks.append(HCLBlock(type: entry.key, offset: entry.keyOffset, labels: [], body: HCLBody(offset: entry.value.offset)))
                } else {
                    attributes.append(HCLAttribute(name: entry.key, offset: entry.keyOffset, value: try expression(entry.value)))
                }
            }
        }
        return HCLBody(attributes: attributes, blocks: blocks, offset: root.offset)
    }

    // MARK: - Bodies

    private func label(_ entry: SourceEntry) -> HCLLabel { HCLLabel(text: entry.key, offset: entry.keyOffset) }

    private func members(_ node: SourceNode, _ what: String) throws(SyntaxError) -> [SourceEntry] {
        guard let entries = node.entries else { throw SyntaxError(offset: node.offset, message: "expected an object of \(what), found \(node.kindDescription)") }
        return entries.filter { $0.key != "//" }
    }

    /// A block's body, or one body per item when the value is a list of objects (blocks of the same labels).
    private func bodies(_ node: SourceNode, _ kind: BodyKind) throws(SyntaxError) -> [HCLBody] {
        if let items = node.items {
            var result: [HCLBody] = []
            for item in items { result.append(try body(item, kind)) }
            return result
        }
        return [try body(node, kind)]
    }

    private func body(_ node: SourceNode, _ kind: BodyKind) throws(SyntaxError) -> HCLBody {
        guard let entries = node.entries else { throw SyntaxError(offset: node.offset, message: "expected an object (a block's body), found \(node.kindDescription)") }
        var attributes: [HCLAttribute] = []
        var blocks: [HCLBlock] = []
        for entry in entries where entry.key != "//" {
            let value = entry.value
            func attribute(_ expression: HCLExpression) { attributes.append(HCLAttribute(name: entry.key, offset: entry.keyOffset, value: expression)) }
            func nested(_ kind: BodyKind, labels: [HCLLabel] = [], type: String? = nil) throws(SyntaxError) {
                for inner in try bodies(value, kind) {
                    blocks.append(HCLBlock(type: type ?? entry.key, offset: entry.keyOffset, labels: labels, body: inner))
                }
            }
            switch (kind, entry.key) {
            case (.arguments, "providers"):
                attribute(try providerMap(value))
            case (.arguments, _):
                attribute(try expression(value))
            case (.variable, "default"):
                attribute(Self.literal(value))
            case (.variable, "type"):
                attribute(try parsed(value))
            case (.variable, "validation"):
                try nested(.arguments)
            case (.variable, _):
                attribute(try expression(value))
            case (.dynamic, "iterator"):
                attribute(try parsed(value))
            case (.dynamic, "content"):
                try nested(.schema)
            case (.dynamic, _):
                attribute(try expression(value))
            case (.resource, "provider"):
                attribute(try parsed(value))
            case (.resource, "depends_on"):
                continue
            case (.resource, "dynamic"), (.schema, "dynamic"):
                for block in try members(value, "dynamic block labels") {
                    for inner in try bodies(block.value, .dynamic) {
                        blocks.append(HCLBlock(type: "dynamic", offset: block.keyOffset, labels: [label(block)], body: inner))
                    }
                }
            case (.resource, "provisioner"):
                for provisioner in try members(value, "provisioner types") {
                    for inner in try bodies(provisioner.value, .schema) {
                        blocks.append(HCLBlock(type: "provisioner", offset: provisioner.keyOffset, labels: [label(provisioner)], body: inner))
                    }
                }
            case (.resource, "lifecycle"), (.resource, "connection"):
                try nested(.arguments)
            case (.resource, _), (.schema, _):
                if Self.isBlock(entry.key, value) { try nested(.schema) } else { attribute(try expression(value)) }
            }
        }
        return HCLBody(attributes: attributes, blocks: blocks, offset: node.offset)
    }

    /// Whether a property of a resource is read as nested blocks (see the type's comment).
    private static func isBlock(_ name: String, _ value: SourceNode) -> Bool {
        guard !mapArguments.contains(name) else { return false }
        if let entries = value.entries {
            return entries.allSatisfy { $0.key == "//" || isName($0.key) }
        }
        if let items = value.items {
            return !items.isEmpty && items.allSatisfy { item in item.entries.map { $0.allSatisfy { isName($0.key) } } ?? false }
        }
        return false
    }

    private static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    // MARK: - Expressions

    /// Expression mode: strings are templates, arrays tuples, objects object constructors.
    private func expression(_ node: SourceNode) throws(SyntaxError) -> HCLExpression {
        if let text = node.string { return try template(text, at: node.offset) }
        if let items = node.items {
            var values: [HCLExpression] = []
            for item in items { values.append(try expression(item)) }
            return HCLExpression(.tuple(values), at: node.offset)
        }
        if let entries = node.entries {
            var items: [HCLObjectItem] = []
            for entry in entries where entry.key != "//" {
                items.append(HCLObjectItem(key: try template(entry.key, at: entry.keyOffset), value: try expression(entry.value), keyIsName: false))
            }
            return HCLExpression(.object(items), at: node.offset)
        }
        return Self.literal(node)
    }

    /// A string's template, located inside its quotes (exact while the string has no JSON escapes before a place).
    private func template(_ text: String, at offset: Int) throws(SyntaxError) -> HCLExpression {
        do {
            return try reader.readTemplate(Array(text.utf8)).shifted(by: offset + 1)
        } catch {
            throw SyntaxError(offset: error.offset + offset + 1, message: error.message)
        }
    }

    /// A string that holds an expression (`"aws.replica"`, `"map(string)"`).
    private func parsed(_ node: SourceNode) throws(SyntaxError) -> HCLExpression {
        guard let text = node.string else { return try expression(node) }
        do {
            return try reader.readExpression(Array(text.utf8)).shifted(by: node.offset + 1)
        } catch {
            throw SyntaxError(offset: error.offset + node.offset + 1, message: error.message)
        }
    }

    /// `providers = { aws = "aws.replica" }`: the values are references.
    private func providerMap(_ node: SourceNode) throws(SyntaxError) -> HCLExpression {
        guard let entries = node.entries else { return try expression(node) }
        var items: [HCLObjectItem] = []
        for entry in entries where entry.key != "//" {
            items.append(HCLObjectItem(key: HCLExpression(.template([.literal(entry.key, offset: entry.keyOffset + 1)]), at: entry.keyOffset),
                                       value: try parsed(entry.value), keyIsName: true))
        }
        return HCLExpression(.object(items), at: node.offset)
    }

    /// Literal mode: the JSON value as it is, strings never templates.
    static func literal(_ node: SourceNode) -> HCLExpression {
        if node.isNull { return HCLExpression(.null, at: node.offset) }
        if let flag = node.bool { return HCLExpression(.bool(flag), at: node.offset) }
        if let number = node.numberLiteral { return HCLExpression(.number(number), at: node.offset) }
        if let text = node.string { return HCLExpression(.template([.literal(text, offset: node.offset + 1)]), at: node.offset) }
        if let items = node.items { return HCLExpression(.tuple(items.map(literal)), at: node.offset) }
        let items = (node.entries ?? []).map { entry in
            HCLObjectItem(key: HCLExpression(.template([.literal(entry.key, offset: entry.keyOffset + 1)]), at: entry.keyOffset),
                          value: literal(entry.value), keyIsName: false)
        }
        return HCLExpression(.object(items), at: node.offset)
    }
}
