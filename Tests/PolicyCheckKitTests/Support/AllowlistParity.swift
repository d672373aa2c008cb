/// The allowlist problems every adapter must judge like the native format, and the native manifest that states them.
enum AllowlistParity {
    /// World-open, private, host bits, malformed, redundant pair and documentation ranges.
    static let cidrs = ["0.0.0.0/0", "10.20.0.0/16", "54.80.1.9/25", "300.1.1.1/32", "52.20.12.0/24", "52.20.12.0/25", "2001:db8::/32"]

    /// A Shared native manifest whose IP filtering lists `cidrs`, each with a description.
    static func nativeManifest(_ cidrs: [String] = cidrs) -> String {
        """
        apiVersion: policycheck/v1
        kind: Deployment
        metadata: {name: same}
        spec:
          offering: shared
          region: us-east-1
          network:
            ipFiltering:
              enabled: true
              allowlist:
        \(cidrs.map { "        - {cidr: \"\($0)\", description: entry}" }.joined(separator: "\n"))

        """
    }
}
