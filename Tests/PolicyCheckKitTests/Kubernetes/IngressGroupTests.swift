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

    @Test func aGroupOnNamedSecurityGroupsCannotBeVerifiedForItsMembers() throws {
        // `security-groups` is Exclusive: the ALB admits what the named groups admit, for every member.
        let named = Self.member("storefront", port: 443, scheme: "internet-facing", securityGroups: "sg-0123456789abcdef0")
        let findings = try IngressClassElsewhereTests.network(["shop.yaml": named + "---\n" + Self.member("admin", port: 8443)])
        #expect(findings.contains { $0.hasSuffix("Ingress/prod/admin (cannot verify)") }, "\(findings)")
        #expect(findings.allSatisfy { $0.hasSuffix("(cannot verify)") }, "\(findings)")
        // A list of nothing (`','`) names no group: the controller builds its own, open to every address.
        let empty = Self.member("admin", port: 8443, securityGroups: "','")
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + empty], of: "admin")
            .contains { $0.hasPrefix("MMC-NET-011") && !$0.hasSuffix("(cannot verify)") })
    }

    @Test func aPortIsCoveredOnlyAsTheControllerParsesTheCoveringMember() throws {
        let admin = Self.member("admin", port: 8443)
        func cover(_ change: (String) -> String) -> String {
            change(Self.member("cover", port: 8443, cidrs: "198.51.100.0/24"))
        }
        // Covered: the admin's 8443 admits the cover's CIDRs (even with the key escaped, as JSON decodes it).
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + cover { $0 } + "---\n" + admin], of: "admin") == [])
        let escaped = cover { $0.replacingOccurrences(of: "{\"HTTPS\": 8443}", with: "{\"HTTP\\u0053\": 8443}") }
        #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + escaped + "---\n" + admin], of: "admin") == [])
        // Not covered: CIDRs of no item; a port named by no JSON the controller accepts; a certificate list of
        // nothing (the cover listens on 80, not 443); the admin's own copy in another folder.
        let uncovered = [
            cover { $0.replacingOccurrences(of: "inbound-cidrs: 198.51.100.0/24", with: "inbound-cidrs: ','") },
            cover { $0.replacingOccurrences(of: "{\"HTTPS\": 8443}", with: "{\"HTTPS\": 8443, }") },
        ]
        for text in uncovered {
            #expect(try Self.findings(["shop.yaml": Self.storefront + "---\n" + text + "---\n" + admin], of: "admin").count == 1, "\(text)")
        }
        let noCertificate = Self.member("cover", port: 443, cidrs: "198.51.100.0/24")
            .replacingOccurrences(of: "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n", with: "")
            .replacingOccurrences(of: "certificate-arn: arn:aws:acm:us-east-1:111122223333:certificate/abc", with: "certificate-arn: ''")
        let admin443 = Self.member("admin", port: 443)
        let storefront8443 = Self.member("storefront", port: 8443, scheme: "internet-facing", cidrs: "203.0.113.0/24")
        #expect(try Self.findings(["shop.yaml": storefront8443 + "---\n" + noCertificate + "---\n" + admin443], of: "admin").count == 1)
        let ownCopy = Self.member("admin", port: 8443, cidrs: "198.51.100.0/24")
        #expect(try Self.findings(["prod/shop.yaml": Self.storefront + "---\n" + admin, "staging/admin.yaml": ownCopy], of: "admin")
            .contains { $0.hasPrefix("MMC-NET-011 prod/shop.yaml") })
    }

    @Test func aClassesParametersSetTheSchemeOrTheGroupOfItsMembers() throws {
        func platform(scheme: String, group: String? = nil) -> String {
            var parameters = "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata:\n  name: edge\nspec:\n  scheme: \(scheme)\n"
            if let group { parameters += "  group:\n    name: \(group)\n" }
            return "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\nspec:\n"
                + "  controller: ingress.k8s.aws/alb\n  parameters:\n    apiGroup: elbv2.k8s.aws\n    kind: IngressClassParams\n"
                + "    name: edge\n---\n" + parameters
        }
        // The storefront's class makes it internet-facing (no scheme annotation): the group's ALB is.
        let store = Self.member("storefront", port: 443, cidrs: "203.0.113.0/24").replacingOccurrences(of: "ingressClassName: alb", with: "ingressClassName: public")
        let admin = Self.member("admin", port: 8443)
        #expect(try Self.findings(["platform.yaml": platform(scheme: "internet-facing"), "shop.yaml": store + "---\n" + admin], of: "admin").count == 1)
        // Parameters that set the scheme internal win over the storefront's annotation.
        let annotated = Self.storefront.replacingOccurrences(of: "ingressClassName: alb", with: "ingressClassName: public")
        #expect(try Self.findings(["platform.yaml": platform(scheme: "internal"), "shop.yaml": annotated + "---\n" + admin], of: "admin") == [])
        // Parameters that set a group move the class's Ingresses out of the annotation's.
        #expect(try Self.findings(["platform.yaml": platform(scheme: "internet-facing", group: "edge"), "shop.yaml": store + "---\n" + admin],
                                  of: "admin") == [])
    }

    @Test func aDualStackMemberOpensIPv6Too() throws {
        let dual = Self.member("cover", port: 80, cidrs: "198.51.100.0/24")
            .replacingOccurrences(of: "  annotations:\n", with: "  annotations:\n    alb.ingress.kubernetes.io/ip-address-type: dualstack\n")
        let findings = try IngressClassElsewhereTests.network(["shop.yaml": Self.storefront + "---\n" + dual + "---\n" + Self.member("admin", port: 8443)])
        #expect(findings.filter { $0.hasSuffix("Ingress/prod/admin") }.count == 2, "\(findings)")
    }
}
