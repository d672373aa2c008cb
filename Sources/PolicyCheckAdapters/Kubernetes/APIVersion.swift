/// Kubernetes `apiVersion` values: `v1`, or `group/version` with a DNS-subdomain group.
enum APIVersion {
    static func isKubernetes(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return isVersion(parts[0])
        case 2:
            let group = parts[0]
            guard !group.hasPrefix("policycheck"), !group.isEmpty, group.count <= 253 else { return false }
            let valid = group.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            return valid && group.first != "." && group.last != "." && isVersion(parts[1])
        default:
            return false
        }
    }

    /// `v1`, `v2beta1`, `v1alpha3`.
    static func isVersion(_ text: Substring) -> Bool {
        guard text.first == "v" else { return false }
        var rest = text.dropFirst()
        let major = rest.prefix { $0.isASCII && $0.isNumber }
        guard !major.isEmpty, major.first != "0" else { return false }
        rest = rest.dropFirst(major.count)
        if rest.isEmpty { return true }
        for stage in ["alpha", "beta"] where rest.hasPrefix(stage) {
            let number = rest.dropFirst(stage.count)
            return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }

    /// The API group (`""` for the core group).
    static func group(of apiVersion: String) -> String {
        let parts = apiVersion.split(separator: "/")
        return parts.count == 2 ? String(parts[0]) : ""
    }
}
