import PolicyCheckModel
import PolicyCheckSyntax

/// The values a plan marks sensitive, which findings print as `(sensitive value)` (`SensitiveValues`).
///
/// A plan mirrors each resource's values with their marks: `change.after_sensitive` beside `change.after`, and
/// `sensitive_values` beside a planned or state resource's `values` — `true` where a value is sensitive, an object or
/// list where only some members are (https://developer.hashicorp.com/terraform/internals/json-format#change-representation,
/// "after_sensitive"; #values-representation, "sensitive_values"). Terraform marks what is derived from a
/// sensitive value too, so the text a finding quotes is a marked text. A root variable declared sensitive
/// (`configuration.root_module.variables.<name>.sensitive`) has its value in the plan's `variables`, and a module's
/// sensitive variable its caller's literal in `module_calls.<name>.expressions.<variable>.constant_value`: both
/// may be built into other texts (a provider's region) that nothing marks, so they are found inside those too.
enum TerraformSensitiveValues {
    static func marked(in root: SourceNode) -> SensitiveValues {
        var found = SensitiveValues()
        root["resource_changes"]?.forEachItem { _, item in
            if let change = item["change"] { collect(change["after"], marks: change["after_sensitive"], into: &found) }
        }
        root["deferred_changes"]?.forEachItem { _, item in
            if let change = item["resource_change"]?["change"] {
                collect(change["after"], marks: change["after_sensitive"], into: &found)
            }
        }
        for key in ["planned_values", "values"] { collectModule(root[key]?["root_module"], into: &found) }
        collectModule(root["prior_state"]?["values"]?["root_module"], into: &found)
        if let module = root["configuration"]?["root_module"] {
            for variable in module["variables"]?.entries ?? [] where variable.value["sensitive"]?.bool == true {
                embed(root["variables"]?[variable.key]?["value"], into: &found)
            }
            collectCalls(module, into: &found, depth: 0)
        }
        return found
    }

    /// A planned or state module's resources, and its child modules'.
    private static func collectModule(_ module: SourceNode?, into found: inout SensitiveValues) {
        guard let module else { return }
        module["resources"]?.forEachItem { _, resource in
            collect(resource["values"], marks: resource["sensitive_values"], into: &found)
        }
        module["child_modules"]?.forEachItem { _, child in collectModule(child, into: &found) }
    }

    /// The literals callers give modules' sensitive variables, down the configuration's module calls.
    private static func collectCalls(_ module: SourceNode, into found: inout SensitiveValues, depth: Int) {
        guard depth < 64, let calls = module["module_calls"]?.entries else { return }
        for call in calls {
            guard let called = call.value["module"] else { continue }
            for variable in called["variables"]?.entries ?? [] where variable.value["sensitive"]?.bool == true {
                embed(call.value["expressions"]?[variable.key]?["constant_value"], into: &found)
            }
            collectCalls(called, into: &found, depth: depth + 1)
        }
    }

    /// The values below `marks == true`, following objects and lists of marks down the value.
    private static func collect(_ value: SourceNode?, marks: SourceNode?, into found: inout SensitiveValues) {
        guard let value, let marks else { return }
        if marks.bool == true {
            scalars(of: value) { found.add($0) }
        } else if let entries = marks.entries {
            for entry in entries where entry.value.bool == true || entry.value.isMapping || entry.value.isSequence {
                collect(value[entry.key], marks: entry.value, into: &found)
            }
        } else if marks.isSequence {
            marks.forEachItem { index, mark in collect(value.item(at: index), marks: mark, into: &found) }
        }
    }

    private static func embed(_ value: SourceNode?, into found: inout SensitiveValues) {
        guard let value else { return }
        scalars(of: value) { found.addEmbeddable($0) }
    }

    /// Every string and number below `node`.
    private static func scalars(of node: SourceNode, _ body: (String) -> Void) {
        if let text = node.string ?? node.numberLiteral {
            body(text)
        } else if node.isSequence {
            node.forEachItem { _, item in scalars(of: item, body) }
        } else if let entries = node.entries {
            for entry in entries { scalars(of: entry.value, body) }
        }
    }
}
