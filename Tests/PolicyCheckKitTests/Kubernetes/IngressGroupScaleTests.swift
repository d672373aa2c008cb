import PolicyCheckTestSupport
import Testing

/// A large IngressGroup joined across many files is judged the same whether its members' files define classes or
/// not: either way each Ingress's lookup reads the group the run resolved once (`IngressGroupResolution`, round 26;
/// `IngressGroupResolutionTests` compares it with the lookup that merges every class).
@Suite struct IngressGroupScaleTests {
    /// Classes in a platform file: `public` whose parameters make its members internet-facing, `private` internal.
    static let platform = IngressClassElsewhereTests.ingressClass("public", parameters: "edge") + "---\n"
        + IngressClassElsewhereTests.parameters("edge", scheme: "internet-facing") + "---\n"
        + IngressClassElsewhereTests.ingressClass("private", parameters: "inside") + "---\n"
        + IngressClassElsewhereTests.parameters("inside", scheme: "internal")

    /// The platform file and `members` Ingresses of the groups `shop` and `blog` in twenty files, of the classes
    /// `alb`, `public` and `private`, some internet-facing, some internal, some giving CIDRs, a few dual-stack and
    /// one naming security groups; with `definingClasses`, each file ends with a class of its own no member uses.
    static func files(members: Int, definingClasses: Bool) -> [String: String] {
        var generator = SplitMix64(seed: 0x9_40B5)
        var files: [[String]] = Array(repeating: [], count: 20)
        for index in 0..<members {
            let draw = Int.random(in: 0..<100, using: &generator)
            var member = IngressGroupTests.member(
                "web-\(index)", port: ports.randomElement(using: &generator)!,
                scheme: draw < 8 ? "internet-facing" : draw < 12 ? "internal" : nil,
                cidrs: Int.random(in: 0..<3, using: &generator) == 0 ? "203.0.113.0/24" : nil,
                securityGroups: draw == 99 ? "sg-0123456789abcdef0" : nil)
            let className = ["alb", "alb", "public", "private"].randomElement(using: &generator)!
            member = member.replacingOccurrences(of: "ingressClassName: alb", with: "ingressClassName: \(className)")
            if Int.random(in: 0..<2, using: &generator) == 0 {
                member = member.replacingOccurrences(of: "group.name: shop", with: "group.name: blog")
            }
            if Int.random(in: 0..<15, using: &generator) == 0 {
                member = member.replacingOccurrences(
                    of: "  annotations:\n", with: "  annotations:\n    alb.ingress.kubernetes.io/ip-address-type: dualstack\n")
            }
            files[index % files.count].append(member)
        }
        var result = ["platform.yaml": platform]
        for (index, members) in files.enumerated() {
            let own = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx-\(index)\nspec:\n"
                + "  controller: k8s.io/ingress-nginx\n"
            result["shop/ingress-\(index).yaml"] = (members + (definingClasses ? [own] : [])).joined(separator: "---\n")
        }
        return result
    }

    static let ports = [443, 8443, 9443]

    @Test func aJoinedGroupGivesTheSameFindingsWhateverItsFilesDefine() throws {
        let plain = try IngressClassElsewhereTests.network(Self.files(members: 200, definingClasses: false)).sorted()
        #expect(plain.count > 20, "\(plain)")
        #expect(plain == (try IngressClassElsewhereTests.network(Self.files(members: 200, definingClasses: true)).sorted()))
    }
}
