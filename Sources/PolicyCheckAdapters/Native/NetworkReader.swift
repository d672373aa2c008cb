import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a native manifest's `spec.network`.
struct NetworkReader {
    let network: ObjectView

    func read(into deployment: inout Deployment) {
        network.allowOnly(["ipFiltering", "privateConnectivity"])
        var privateConnectivity = false
        if let connectivity = network.object("privateConnectivity") {
            connectivity.allowOnly(["enabled", "endpointServiceRegion"])
            if let enabled = connectivity.bool("enabled") {
                deployment.privateConnectivity = enabled
                privateConnectivity = enabled.value
                if enabled.value {
                    deployment.capabilities.append(CapabilityRequest(.ownNetwork, at: enabled.origin, component: "network"))
                }
            }
            if let region = connectivity.string("endpointServiceRegion") {
                deployment.regions.append(RegionReference(region.value, at: region.origin, component: "network",
                                                          role: "private connectivity endpoint region"))
            }
        }
        // Shared does not offer private connectivity (MMC-OFF-001 reports the request): its workspaces are reached over
        // the internet whatever the manifest says, so its allowlist stays internet-facing and fully judged.
        if deployment.offering?.value == .shared { privateConnectivity = false }
        guard let filtering = network.object("ipFiltering") else { return }
        filtering.allowOnly(["enabled", "allowlist"])
        var allowlist = Allowlist(kind: .ipFiltering, component: "network/ipFiltering", origin: filtering.origin,
                                  internetFacing: !privateConnectivity, hasDescriptionField: true)
        allowlist.enabled = filtering.bool("enabled")
        allowlist.rawNode = filtering.node
        if allowlist.enabled?.value == true {
            deployment.capabilities.append(CapabilityRequest(.ipFiltering, at: allowlist.enabled!.origin, component: "network"))
        }
        for (node, path) in filtering.list("allowlist") ?? [] {
            let entryOrigin = Origin(offset: node.offset, path: path)
            // A bare string is accepted as a CIDR without description.
            if let text = node.string {
                var bare = AllowlistEntry(cidr: Located(.known(text), at: entryOrigin), description: nil, enabled: true,
                                          origin: entryOrigin)
                bare.rawNode = node
                allowlist.entries.append(bare)
                continue
            }
            guard let entry = filtering.reader.object(node, path: path) else { continue }
            entry.allowOnly(["cidr", "description", "enabled"])
            guard let cidr = entry.string("cidr", required: true) else { continue }
            var item = AllowlistEntry(
                cidr: Located(.known(cidr.value), at: cidr.origin),
                description: entry.string("description"),
                enabled: entry.bool("enabled")?.value ?? true,
                origin: entryOrigin
            )
            item.rawNode = node
            allowlist.entries.append(item)
        }
        deployment.allowlists.append(allowlist)
    }
}
