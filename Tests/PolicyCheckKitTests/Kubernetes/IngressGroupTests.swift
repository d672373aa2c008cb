import Foundation
import PolicyCheckInput
import PolicyCheckKit
import Testing

/// Ingresses of one IngressGroup share an ALB: a member annotated `internet-facing` makes it internet-facing for
/// the members that state no scheme, whose ports no member gives CIDRs are then open to every address.
struct IngressGroupTests {
    /// An Ingress of the group `shop`: `scheme`, `inbound-cidrs` and `security-groups` when given.
    static func member(_ name: String, port: Int, scheme: String? = nil, cidrs: String? = nil,
                       securityGroups: String? = nil, groupKey: String = "alb.ingress.kubernetes.io/group.name") -> String {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: \(name)\n  namespace: prod\n"
        text += "  annotations:\n    \(groupKey): shop\n"
        if let scheme { text += "    alb.ingress.kubernetes.io/scheme: \(scheme)\n" }
        if let cidrs { text += "    alb.ingress.kubernetes.io/inbound-cidrs: \(cidrs)\n" }
        if let securityGroups { text += "    alb.ingress.kubernetes.io/security-groups: \(securityGroups)\n" }
        text += "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": \(port)}]'\n"
        text += "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n"
        return text + "spec:\n  ingressClassName: alb\n  defaultBackend:\n    service:\n      name: \(name)\n      port:\n        number: 443\n"
    }

    static let storefront = member("storefront", port: 443, scheme: "internet-facing", cidrs: "203.0.113.0/24")

    /// The run's network findings (`IngressClassElsewhereTests.network`) of the Ingress `name`.
    static func findings(_ files: [String: String], of name: String) throws -> [String] {
        try IngressClassElsewhereTests.network(files).filter { $0.hasSuffix("Ingress/prod/\(name)") }
    }

    @Test func aMemberWithoutASchemeIsInternetFacingWhenAnotherMemberIs() throws {
        let admin = Self.member("admin", port: 8443)
        // Alone, an Ingress without a scheme is internal: nothing to judge.
        #expect(try Self.findings(["admin.yaml": admin], of: "admin") == [])
        // In the storefront's group its port 8443 is on the storefront's internet-facing ALB, open to every address
        // (located at its group name).
        let expected = ["MMC-NET-011 shop.yaml:26:43 Ingress/prod/admin"]
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + admin], of: "admin") == expected)
        // The same with the storefront in another file (and with its own annotation's key escaped).
        let escaped = Self.storefront.replacingOccurrences(of: "    alb.ingress.kubernetes.io/group.name: shop",
                                                           with: "    \"alb.ingress.kubernetes.io/group\\x2Ename\": shop")
        for platform in [Self.storefront, escaped] {
            #expect(try Self.findings(["platform/storefront.yaml": platform, "shop.yaml": admin], of: "admin")
                == ["MMC-NET-011 shop.yaml:7:43 Ingress/prod/admin"])
        }
        // Another group's internet-facing member changes nothing.
        let other = Self.storefront.replacingOccurrences(of: "group.name: shop", with: "group.name: blog")
        #expect(try Self.findings(["blog.yaml": other, "shop.yaml": admin], of: "admin") == [])
    }

    @Test func aPortAnotherMemberGivesCIDRsIsJudgedOnThatMember() throws {
        // The controller merges a port's CIDRs across the group: 443 admits the storefront's 203.0.113.0/24.
        let admin = Self.member("admin", port: 443)
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + admin], of: "admin") == [])
        // The admin's own CIDRs are judged as an internet-facing ALB's.
        let wide = Self.member("admin", port: 8443, cidrs: "10.0.0.0/8")
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + wide], of: "admin").contains { $0.hasPrefix("MMC-NET-") })
    }

    @Test func anIngressOfAnotherClassIsNoMember() throws {
        // The controller's group loader keeps only its own class's Ingresses: an nginx Ingress annotated alike
        // neither makes the group internet-facing nor covers a port.
        let nginx = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\nspec:\n  controller: k8s.io/ingress-nginx\n"
        let decoy = Self.member("decoy", port: 8443, scheme: "internet-facing", cidrs: "198.51.100.0/24")
            .replacingOccurrences(of: "ingressClassName: alb", with: "ingressClassName: nginx")
        let admin = Self.member("admin", port: 8443)
        #expect(try Self.findings(["shop.yaml": nginx + "---\n" + decoy + "---\n" + admin], of: "admin") == [])
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + nginx + "---\n" + decoy + "---\n" + admin],
                                  of: "admin") == ["MMC-NET-011 shop.yaml:52:43 Ingress/prod/admin"])
    }

    @Test func aRunOfTagIndicatorsIsReadOnce() {
        // Each `!` of a run used to be read to the run's end: quadratic in a hostile file's bytes.
        let run = String(repeating: "!", count: 100_000)
        #expect(!InputReader.couldSpellIngressClass(Array("value: \(run) x".utf8)))
        #expect(InputReader.couldSpellIngressClass(Array("value: \(run)%62 x".utf8)))
    }

    @Test func aGroupOnNamedSecurityGroupsIsJudgedOnTheMemberNamingThem() throws {
        let named = Self.member("storefront", port: 443, scheme: "internet-facing", securityGroups: "sg-0123456789abcdef0")
        let findings = try IngressClassElsewhereTests.network(["shop.yaml": named + "---\n" + Self.member("admin", port: 8443)])
        #expect(findings.allSatisfy { $0.hasSuffix("Ingress/prod/storefront (cannot verify)") }, "\(findings)")
        #expect(!findings.isEmpty)
    }
}
