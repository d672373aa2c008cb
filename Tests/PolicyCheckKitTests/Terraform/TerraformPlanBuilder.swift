import Foundation

/// Builds small plan documents for model tests (locations do not matter there; fixtures cover them).
struct TerraformPlanBuilder {
    var changes: [[String: Any]] = []
    var rootResources: [[String: Any]] = []
    var moduleCalls: [String: Any] = [:]
    var providers: [String: Any] = ["aws": ["name": "aws", "expressions": ["region": ["constant_value": "us-east-1"]]]]
    var includeConfiguration = true
    /// The plan's `variables` (root input values), written when not empty.
    var variables: [String: Any] = [:]

    /// Adds a resource change; `after_unknown` marks values unknown until apply.
    mutating func change(_ address: String, _ type: String, after: [String: Any]?, unknown: [String: Any] = [:],
                         actions: [String] = ["create"], mode: String = "managed", module: String? = nil) {
        var item: [String: Any] = [
            "address": address, "mode": mode, "type": type, "name": "x",
            "change": ["actions": actions, "before": NSNull(), "after": after ?? NSNull(), "after_unknown": unknown],
        ]
        if let module { item["module_address"] = module }
        changes.append(item)
    }

    /// Adds a root-module configuration resource, optionally with its provider configuration key (`aws.replica`).
    mutating func configure(_ address: String, _ expressions: [String: Any], provider: String? = nil) {
        var resource: [String: Any] = ["address": address, "mode": "managed", "expressions": expressions]
        if let provider { resource["provider_config_key"] = provider }
        rootResources.append(resource)
    }

    var json: String {
        var plan: [String: Any] = ["format_version": "1.2", "terraform_version": "1.9.5", "resource_changes": changes]
        if includeConfiguration {
            plan["configuration"] = [
                "provider_config": providers,
                "root_module": ["resources": rootResources, "module_calls": moduleCalls],
            ]
        }
        if !variables.isEmpty { plan["variables"] = variables }
        let data = try! JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func references(_ references: String...) -> [String: Any] { ["references": references] }
    static func constant(_ value: Any) -> [String: Any] { ["constant_value": value] }
}
