/// The text of a `type: LoadBalancer` Service for tests of how its annotations and class are read.
enum LoadBalancerServiceText {
    static func make(name: String, namespace: String? = nil, annotations: [String], loadBalancerClass: String?,
                     sourceRanges: String? = nil, port: Int) -> String {
        var text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: \(name)\n"
        if let namespace { text += "  namespace: \(namespace)\n" }
        text += "  annotations:\n" + annotations.map { "    \($0)\n" }.joined()
        text += "spec:\n  type: LoadBalancer\n"
        if let loadBalancerClass { text += "  loadBalancerClass: \(loadBalancerClass)\n" }
        if let sourceRanges { text += "  loadBalancerSourceRanges: [\(sourceRanges)]\n" }
        return text + "  ports:\n  - port: \(port)\n"
    }
}
