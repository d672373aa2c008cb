import PolicyCheckSyntax

/// The `aws_iam_policy_document` data source, which the AWS provider computes while Terraform plans, from its blocks
/// alone (no request to AWS): its `json` is the policy its `statement` blocks write
/// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document). Evaluated
/// here as the provider does, so a bucket or key policy written with it is judged as one written with `jsonencode`;
/// where a statement holds a value known only after apply (a bucket's ARN), the text is unknown and what it encodes
/// is kept (`TerraformValue.encodedDocument`).
enum TerraformPolicyDocument {
    static let type = "aws_iam_policy_document"

    /// One instance's value (`json` and `minified_json`; `count` and `for_each` are expanded by the caller), or `nil`
    /// when it is not evaluated: using the `source_json` and `override_json` the provider no longer has. Merging a
    /// document not known here (`TerraformPolicyDocumentMerge`), its `json` is unknown, saying so; a merge argument
    /// that is null or an empty list (terraform-aws-modules' defaults) merges nothing.
    static func evaluate(_ body: HCLBody, address: String, evaluator: TerraformEvaluator,
                         at offset: Int) throws(TerraformEvaluationError) -> TerraformValue? {
        guard !["source_json", "override_json"].contains(where: { body[attribute: $0] != nil }) else { return nil }
        let values = try TerraformBlockValues.evaluate(body, evaluator)
        var document: [String: TerraformValue] = [
            "Version": textOr(values["version"], "2012-10-17", at: offset),
        ]
        if let id = values["policy_id"], !id.isNull { document["Id"] = id }
        if let statements = values["statement"] {
            if let items = statements.items {
                document["Statement"] = TerraformValue(.list(items.map { statement($0, at: offset) }), at: statements.offset)
            } else if statements.isUnknown {
                document["Statement"] = statements
            }
        }
        if values["source_policy_documents"] != nil || values["override_policy_documents"] != nil {
            guard let merged = try merge(document, values, at: offset) else {
                // The document not known, not one whose text only is (an encoded one, merged as it encodes).
                let lists = [values["source_policy_documents"], values["override_policy_documents"]].compactMap { $0 }
                let inner = lists.lazy.flatMap { $0.items ?? [$0] }
                    .first { $0.isUnknown && $0.encodedDocument == nil }?.unknownReason
                let json = TerraformValue.unknown("\(address) merges a policy document whose statements are not known here"
                                                  + (inner.map { ": \($0)" } ?? ""), at: offset)
                return TerraformValue(.resource(address: address, attributes: ["json": json, "minified_json": json]), at: offset)
            }
            document = merged
        }
        let value = TerraformValue(.object(document), at: offset)
        var json: TerraformValue
        if value.containsUnknown {
            json = .unknown(value.firstUnknown!.unknownReason!, at: offset)
            json.encodedDocument = TerraformValue.EncodedDocument(value)
        } else {
            json = .string(TerraformJSON.encode(value), at: offset)
        }
        return TerraformValue(.resource(address: address, attributes: ["json": json, "minified_json": json]), at: offset)
    }

    /// The document with `source_policy_documents` and `override_policy_documents` merged in; `nil` when one of
    /// them, or the document's own statements, are not known here.
    private static func merge(_ document: [String: TerraformValue], _ values: [String: TerraformValue],
                              at offset: Int) throws(TerraformEvaluationError) -> [String: TerraformValue]? {
        guard let sources = try TerraformPolicyDocumentMerge.documents(values["source_policy_documents"],
                                                                       argument: "source_policy_documents"),
              let overrides = try TerraformPolicyDocumentMerge.documents(values["override_policy_documents"],
                                                                         argument: "override_policy_documents")
        else { return nil }
        var own = TerraformPolicyDocumentMerge.Merged(version: document["Version"], id: document["Id"])
        if let statements = document["Statement"] {
            guard let items = statements.items else { return nil }
            own.statements = items
        }
        guard let merged = try TerraformPolicyDocumentMerge.merge(sources: sources, own: own, overrides: overrides)
        else { return nil }
        var result: [String: TerraformValue] = ["Statement": TerraformValue(.list(merged.statements), at: offset)]
        if let version = merged.version { result["Version"] = version }
        if let id = merged.id { result["Id"] = id }
        return result
    }

    /// One `statement` block as the policy's statement: `effect` defaults to `Allow`; `principals` and `condition`
    /// blocks become the `Principal` and `Condition` maps (a principal of type `*` is `"*"`).
    private static func statement(_ block: TerraformValue, at offset: Int) -> TerraformValue {
        guard !block.isUnknown, let fields = block.members else { return block }
        var statement: [String: TerraformValue] = ["Effect": textOr(fields["effect"], "Allow", at: block.offset)]
        let renamed = ["sid": "Sid", "actions": "Action", "not_actions": "NotAction", "resources": "Resource",
                       "not_resources": "NotResource"]
        for (field, key) in renamed {
            if let value = fields[field], !value.isNull { statement[key] = value }
        }
        if let principals = principals(fields["principals"]) { statement["Principal"] = principals }
        if let principals = principals(fields["not_principals"]) { statement["NotPrincipal"] = principals }
        if let conditions = fields["condition"], !conditions.isNull {
            statement["Condition"] = condition(conditions)
        }
        return TerraformValue(.object(statement), at: block.offset)
    }

    /// `principals { type, identifiers }` blocks as `{TYPE: [IDENTIFIERS…]}`, or `"*"` for type `*`.
    private static func principals(_ blocks: TerraformValue?) -> TerraformValue? {
        guard let blocks, !blocks.isNull else { return nil }
        guard let items = blocks.items else { return blocks }
        guard !items.isEmpty else { return nil }
        var byType: [String: [TerraformValue]] = [:]
        for item in items {
            guard let fields = item.members, let type = fields["type"], let typeName = type.stringValue,
                  let identifiers = fields["identifiers"] else { return item.containsUnknown ? unknownOf(item) : nil }
            if typeName == "*" { return .string("*", at: item.offset) }
            byType[typeName, default: []].append(contentsOf: identifiers.items ?? [identifiers])
        }
        return TerraformValue(.object(byType.mapValues { TerraformValue(.list($0), at: blocks.offset) }), at: blocks.offset)
    }

    /// `condition { test, variable, values }` blocks as `{TEST: {VARIABLE: [VALUES…]}}`.
    private static func condition(_ blocks: TerraformValue) -> TerraformValue {
        guard let items = blocks.items else { return blocks }
        var byTest: [String: [String: TerraformValue]] = [:]
        for item in items {
            guard let fields = item.members, let test = fields["test"]?.stringValue,
                  let variable = fields["variable"]?.stringValue, let values = fields["values"] else {
                return item.containsUnknown ? unknownOf(item) : TerraformValue(.object([:]), at: item.offset)
            }
            byTest[test, default: [:]][variable] = values
        }
        return TerraformValue(.object(byTest.mapValues { TerraformValue(.object($0), at: blocks.offset) }), at: blocks.offset)
    }

    private static func unknownOf(_ value: TerraformValue) -> TerraformValue {
        .unknown(value.firstUnknown?.unknownReason ?? "known only after apply", at: value.offset)
    }

    private static func textOr(_ value: TerraformValue?, _ fallback: String, at offset: Int) -> TerraformValue {
        guard let value, !value.isNull else { return .string(fallback, at: offset) }
        return value
    }
}

private extension TerraformValue {
    var members: [String: TerraformValue]? { if case .object(let members) = kind { return members }; return nil }
}
