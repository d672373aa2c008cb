import PolicyCheckSyntax

/// Collects every region a plan names or implies: provider regions (literal, or a root variable's value),
/// per-resource `region`, `location` and `availability_zone`, and the region part of ARNs in resource values.
struct TerraformRegionReader {
    let plan: TerraformPlan

    func read(into deployment: inout Deployment) {
        readProviders(into: &deployment)
        for resource in plan.resources {
            readResource(resource, into: &deployment)
        }
    }

    // MARK: - Providers

    private func readProviders(into deployment: inout Deployment) {
        let providers = TerraformProviderRegions(plan: plan)
        for entry in providers.configs {
            let config = entry.value
            guard let name = config["name"]?.string ?? entry.key.split(separator: ":").last.map(String.init) else { continue }
            let module = config["module_address"]?.string
            let alias = config["alias"]?.string
            let component = [module, "provider.\(name)", alias].compactMap { $0 }.joined(separator: ".")
            guard let region = providers.region(of: config, key: entry.key) else { continue }
            let role = region.variable.map { "provider region (var.\($0))" } ?? "provider region"
            add(region.value, at: region.origin, component: component, role: role, into: &deployment)
            if name == "aws" && module == nil && alias == nil && region.variable == nil {
                deployment.region = Located(region.value, at: region.origin)
            }
        }
    }

    // MARK: - Resources

    private func readResource(_ resource: TerraformResource, into deployment: inout Deployment) {
        for (field, role) in [("region", "resource region"), ("location", "resource location")] {
            let attribute = resource[field]
            if let region = attribute.knownString {
                add(region, at: attribute.origin, component: resource.address, role: role, into: &deployment)
            }
        }
        let zone = resource["availability_zone"]
        if resource.isAWS, let text = zone.knownString, let region = Self.region(ofZone: text) {
            add(region, at: zone.origin, component: resource.address, role: "availability zone '\(text)'", into: &deployment)
        }
        var seen: Set<String> = []
        scanARNs(resource.attributes, component: resource.address, seen: &seen, into: &deployment)
    }

    /// Every ARN with a region in the resource's values (one reference per region and resource).
    private func scanARNs(_ attribute: TerraformAttribute, component: String, seen: inout Set<String>,
                          into deployment: inout Deployment) {
        guard let node = attribute.node else { return }
        switch node.value {
        case .string(let text):
            guard text.hasPrefix("arn:"), let arn = AmazonResourceName(text), let region = arn.region,
                  !seen.contains(region) else { return }
            seen.insert(region)
            let role = arn.service == "kms" ? "region in the KMS key ARN" : "region in the \(arn.service) ARN"
            add(region, at: attribute.origin, component: component, role: role, into: &deployment)
        case .mapping(let entries):
            for entry in entries { scanARNs(attribute.child(entry.key), component: component, seen: &seen, into: &deployment) }
        case .sequence(let items):
            for index in items.indices { scanARNs(attribute.child(index), component: component, seen: &seen, into: &deployment) }
        default:
            return
        }
    }

    /// `us-east-1a` → `us-east-1` (zone ids such as `use1-az1` name no region).
    static func region(ofZone zone: String) -> String? {
        let region = String(zone.reversed().drop { $0.isLetter && $0.isLowercase }.reversed())
        guard region.count < zone.count, RegionCode.isWellFormed(region) else { return nil }
        return region
    }

    /// Adds a reference, unless another reader already placed one on the same value (a backup copy's vault ARN).
    private func add(_ region: String, at origin: Origin, component: String, role: String, into deployment: inout Deployment) {
        guard !deployment.regions.contains(where: { $0.component == component && $0.origin.offset == origin.offset }) else { return }
        deployment.regions.append(RegionReference(region, at: origin, component: component, role: role))
    }
}
