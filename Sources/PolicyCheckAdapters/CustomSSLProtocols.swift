/// The protocols a Classic Load Balancer's custom SSL negotiation policy enables, by its attributes: one per protocol
/// (`Protocol-SSLv3`, `Protocol-TLSv1`, `Protocol-TLSv1.1`, `Protocol-TLSv1.2`), each `true` or `false`
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-ssl-security-policy.html, "SSL protocols";
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-policies.html).
/// A policy that enables one older than TLS 1.2 accepts it, whatever else it says; one that enables none of them is
/// still not known to be current (its ciphers are its own), so it stays "cannot be verified".
enum CustomSSLProtocols {
    /// The attribute names of protocols older than TLS 1.2.
    static let old = ["Protocol-SSLv3", "Protocol-TLSv1", "Protocol-TLSv1.1"]

    /// The old protocols that `attributes` (name, value as written; `nil` when not known) enable, in `old`'s order.
    static func oldEnabled(_ attributes: [(name: String, value: String?)]) -> [String] {
        old.filter { name in
            attributes.contains { $0.name.lowercased() == name.lowercased() && $0.value?.lowercased() == "true" }
        }
    }
}
