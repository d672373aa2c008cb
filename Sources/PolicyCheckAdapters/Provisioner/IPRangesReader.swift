import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a list of allowed IP ranges into an IP-filtering allowlist: the provisioner's `AllowedIPRanges`
/// (`{CIDRBlock, Description, Enabled}`) or the Mattermost server's `allowed_ip_ranges`
/// (`{cidr_block, description, enabled}`).
///
/// The list may be `null` (no filtering), a list, or a mapping that wraps one list. As in the Go types, an entry
/// without `Enabled` is disabled, and only enabled entries are in force; a server rule with `action: deny` refuses
/// addresses rather than admitting them, so it is kept as a disabled entry (its syntax is still judged).
struct IPRangesReader {
    let reader: NodeReader
    /// Whether an entry that spells neither `cidr_block` nor `CIDRBlock` is read as the server's (`cidr_block`, as the
    /// server's settings are) or the provisioner's (`CIDRBlock`): the name a "missing field" error gives.
    var isServer = false

    func allowlist(_ node: SourceNode, path: String, component: String) -> Allowlist? {
        if node.isNull { return nil }
        var listNode = node
        var listPath = path
        if let entries = node.entries {
            let lists = entries.filter { $0.value.items != nil }
            guard entries.count == 1, let wrapped = lists.first else {
                reader.error(at: node.offset, "'\(path)' must be a list of IP ranges, found \(node.kindDescription)")
                return nil
            }
            listNode = wrapped.value
            listPath = "\(path).\(wrapped.key)"
        }
        guard let items = listNode.items else {
            reader.error(at: node.offset, "'\(path)' must be a list of IP ranges, found \(node.kindDescription)")
            return nil
        }
        var allowlist = Allowlist(kind: .ipFiltering, component: component, origin: Origin(offset: listNode.offset, path: listPath),
                                  internetFacing: true, hasDescriptionField: true)
        for (index, item) in items.enumerated() {
            guard let entry = reader.object(item, path: "\(listPath)[\(index)]") else { continue }
            if let read = self.entry(entry) { allowlist.entries.append(read) }
        }
        return allowlist
    }

    private func entry(_ entry: ObjectView) -> AllowlistEntry? {
        // Go matches `Enabled`, `enabled` and `ENABLED` alike; only the block's name tells the two types apart.
        let snake = entry.has("cidr_block") || isServer && !entry.has("CIDRBlock")
        let names = snake
            ? (cidr: "cidr_block", description: "description", enabled: "enabled", action: "action")
            : (cidr: "CIDRBlock", description: "Description", enabled: "Enabled", action: "Action")
        guard let cidr = entry.string(names.cidr, required: true) else { return nil }
        var enabled = entry.bool(names.enabled)?.value ?? false
        if let action = entry.choice(names.action, ["allow", "deny", ""]), action.value == "deny" { enabled = false }
        return AllowlistEntry(cidr: Located(.known(cidr.value), at: cidr.origin), description: entry.string(names.description),
                              enabled: enabled, origin: entry.origin)
    }
}
