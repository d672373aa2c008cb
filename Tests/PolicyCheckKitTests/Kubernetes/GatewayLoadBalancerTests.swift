import Foundation
import PolicyCheckInput
import PolicyCheckKit
import Testing

/// A Gateway API `Gateway` whose class the AWS Load Balancer Controller serves gets an ALB or NLB configured by the
/// `LoadBalancerConfiguration`s of its class and of itself: an internet-facing one is judged by its `sourceRanges`
/// (every address without them), on the Gateway's listener ports.
struct GatewayLoadBalancerTests {
    /// A GatewayClass of `controller`, naming the configuration `reference` (`namespace/name`, or a bare name) when
    /// given.
    static func gatewayClass(_ name: String = "aws-alb", controller: String = "gateway.k8s.aws/alb",
                             reference: String? = nil) -> String {
        var text = "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: \(name)\nspec:\n"
        text += "  controllerName: \(controller)\n"
        if let reference {
            let parts = reference.split(separator: "/")
            text += "  parametersRef:\n    group: gateway.k8s.aws\n    kind: LoadBalancerConfiguration\n    name: \(parts.last!)\n"
            if parts.count == 2 { text += "    namespace: \(parts[0])\n" }
        }
        return text
    }

    /// A LoadBalancerConfiguration whose spec is `spec` (lines indented under `spec:`).
    static func configuration(_ name: String, namespace: String = "prod", _ spec: String...) -> String {
        configuration(name, namespace: namespace, lines: spec)
    }

    static func configuration(_ name: String, namespace: String = "prod", lines spec: [String]) -> String {
        "apiVersion: gateway.k8s.aws/v1\nkind: LoadBalancerConfiguration\nmetadata:\n  name: \(name)\n  namespace: \(namespace)\n"
            + "spec:\n" + spec.map { "  \($0)\n" }.joined()
    }

    /// A Gateway in `prod` of the class `className`, naming its own configuration when `reference` is given.
    static func gateway(className: String = "aws-alb", reference: String? = nil, ports: [Int] = [443]) -> String {
        var text = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\n  namespace: prod\n"
        text += "spec:\n  gatewayClassName: \(className)\n"
        if let reference {
            text += "  infrastructure:\n    parametersRef:\n      group: gateway.k8s.aws\n      kind: LoadBalancerConfiguration\n"
            text += "      name: \(reference)\n"
        }
        text += "  listeners:\n"
        for port in ports { text += "  - name: l\(port)\n    protocol: HTTPS\n    port: \(port)\n" }
        return text
    }

    /// The network findings of a run over `files` (`IngressClassElsewhereTests.network`).
    static func network(_ files: [String: String]) throws -> [String] {
        try IngressClassElsewhereTests.network(files)
    }

    static func joined(_ documents: String...) -> String { documents.joined(separator: "---\n") }

    @Test func anInternetFacingGatewayWithoutSourceRangesIsOpenToEveryAddressOnItsListenerPorts() throws {
        let open = Self.joined(Self.gatewayClass(), Self.configuration("edge", "scheme: internet-facing"),
                               Self.gateway(reference: "edge"))
        // 443 is not administrative: MMC-NET-011, at the configuration's scheme.
        #expect(try Self.network(["gw.yaml": open]) == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web"])
        // A listener on 22 is critical.
        let ssh = open.replacingOccurrences(of: "port: 443", with: "port: 22")
        #expect(try Self.network(["gw.yaml": ssh]) == ["MMC-NET-001 gw.yaml:14:11 Gateway/prod/web"])
        // The controller's default scheme is internal: no scheme, or `internal`, is no public load balancer.
        for scheme in ["loadBalancerName: web", "scheme: internal"] {
            let text = Self.joined(Self.gatewayClass(reference: "prod/edge"), Self.configuration("edge", scheme),
                                   Self.gateway(reference: "edge"))
            #expect(try Self.network(["gw.yaml": text]) == [], "\(scheme)")
        }
        #expect(try Self.network(["gw.yaml": Self.joined(Self.gatewayClass(), Self.gateway())]) == [])
    }

    @Test func sourceRangesAreTheAllowlist() throws {
        func gatewayWith(_ lines: String...) -> String {
            Self.joined(Self.gatewayClass(), Self.configuration("edge", lines: ["scheme: internet-facing"] + lines),
                        Self.gateway(reference: "edge"))
        }
        #expect(try Self.network(["gw.yaml": gatewayWith("sourceRanges:", "- 52.20.12.0/24")]) == [])
        // A world-open range is judged at its item.
        #expect(try Self.network(["gw.yaml": gatewayWith("sourceRanges:", "- 0.0.0.0/0")])
            == ["MMC-NET-011 gw.yaml:16:5 Gateway/prod/web"])
        // `::/0` opens nothing on an IPv4 load balancer (the controller drops IPv6 ranges there) …
        #expect(try Self.network(["gw.yaml": gatewayWith("sourceRanges:", "- 52.20.12.0/24", "- ::/0")]) == [])
        // … and everything on a dual-stack one.
        let dual = try Self.network(["gw.yaml": gatewayWith("ipAddressType: dualstack", "sourceRanges:", "- 52.20.12.0/24", "- ::/0")])
        #expect(dual == ["MMC-NET-011 gw.yaml:18:5 Gateway/prod/web"])
        // Without ranges a dual-stack load balancer is open to `::/0` too (both at the scheme).
        #expect(try Self.network(["gw.yaml": gatewayWith("ipAddressType: dualstack-without-public-ipv4")])
            == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web", "MMC-NET-011 gw.yaml:14:11 Gateway/prod/web"])
    }

    @Test func namedSecurityGroupsOrNoSecurityGroupCannotBeVerified() throws {
        func gatewayWith(controller: String = "gateway.k8s.aws/alb", _ lines: String...) -> String {
            Self.joined(Self.gatewayClass(controller: controller),
                        Self.configuration("edge", lines: ["scheme: internet-facing"] + lines), Self.gateway(reference: "edge"))
        }
        // Named groups replace the controller's: its sourceRanges are not credited.
        #expect(try Self.network(["gw.yaml": gatewayWith("securityGroups:", "- sg-0123456789abcdef0", "sourceRanges:", "- 52.20.12.0/24")])
            == ["MMC-NET-011 gw.yaml:16:3 Gateway/prod/web (cannot verify)"])
        // An empty list names none: the controller manages its group, open to every address.
        #expect(try Self.network(["gw.yaml": gatewayWith("securityGroups: []")]) == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web"])
        // An NLB without a security group filters nothing; an ALB ignores the field.
        #expect(try Self.network(["gw.yaml": gatewayWith(controller: "gateway.k8s.aws/nlb", "disableSecurityGroup: true",
                                                         "sourceRanges:", "- 52.20.12.0/24")])
            == ["MMC-NET-011 gw.yaml:15:25 Gateway/prod/web (cannot verify)"])
        #expect(try Self.network(["gw.yaml": gatewayWith("disableSecurityGroup: true", "sourceRanges:", "- 52.20.12.0/24")]) == [])
    }

    @Test func aSchemeTheControllerRefusesCannotBeVerified() throws {
        // The CRD takes `internal` and `internet-facing` only: `Internet-Facing` is not read as internal.
        let text = Self.joined(Self.gatewayClass(), Self.configuration("edge", "scheme: Internet-Facing"), Self.gateway(reference: "edge"))
        #expect(try Self.network(["gw.yaml": text]) == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web (cannot verify)"])
    }

    @Test func prefixListsDoNotReplaceTheWorldOpenDefault() throws {
        // Unlike an Ingress's, a Gateway's prefix lists are admitted beside the default 0.0.0.0/0.
        let text = Self.joined(Self.gatewayClass(), Self.configuration("edge", "scheme: internet-facing",
                                                                       "securityGroupPrefixes:", "- pl-0123456789abcdef0"),
                               Self.gateway(reference: "edge"))
        #expect(try Self.network(["gw.yaml": text]) == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web"])
        // Beside ranges, each list is an entry that cannot be verified, at its ID.
        let ranged = text.replacingOccurrences(of: "  securityGroupPrefixes:", with: "  sourceRanges:\n  - 52.20.12.0/24\n  securityGroupPrefixes:")
        #expect(try Self.network(["gw.yaml": ranged]) == ["MMC-NET-011 gw.yaml:18:5 Gateway/prod/web (cannot verify)"])
    }

    @Test func theClassesConfigurationWinsUnlessItPrefersTheGateway() throws {
        let classConfiguration = Self.configuration("defaults", namespace: "platform", "scheme: internal")
        let own = Self.configuration("edge", "scheme: internet-facing")
        let text = Self.joined(Self.gatewayClass(reference: "platform/defaults"), classConfiguration, own,
                               Self.gateway(reference: "edge"))
        #expect(try Self.network(["gw.yaml": text]) == [])
        let preferGateway = text.replacingOccurrences(of: "scheme: internal", with: "scheme: internal\n  mergingMode: prefer-gateway")
        #expect(try Self.network(["gw.yaml": preferGateway]) == ["MMC-NET-011 gw.yaml:28:11 Gateway/prod/web"])
        // A field only one sets is taken from it: the class's scheme, the Gateway's ranges.
        let merged = Self.joined(Self.gatewayClass(reference: "platform/defaults"),
                                 Self.configuration("defaults", namespace: "platform", "scheme: internet-facing"),
                                 Self.configuration("edge", "sourceRanges:", "- 52.20.12.0/24"), Self.gateway(reference: "edge"))
        #expect(try Self.network(["gw.yaml": merged]) == [])
        // A Gateway's own `mergingMode` is not honoured.
        let ignored = Self.joined(Self.gatewayClass(reference: "platform/defaults"),
                                  Self.configuration("defaults", namespace: "platform", "scheme: internet-facing", "sourceRanges: []"),
                                  Self.configuration("edge", "mergingMode: prefer-gateway", "sourceRanges:", "- 0.0.0.0/0"),
                                  Self.gateway(reference: "edge"))
        #expect(try Self.network(["gw.yaml": ignored]) == [])
    }

    @Test func aConfigurationTheRunDoesNotHoldCannotBeVerified() throws {
        // The class's reference names a configuration no file holds, or names no namespace (the controller
        // refuses it).
        for reference in ["platform/missing", "edge"] {
            let text = Self.joined(Self.gatewayClass(reference: reference), Self.configuration("edge", "sourceRanges:", "- 52.20.12.0/24"),
                                   Self.gateway())
            #expect(try Self.network(["gw.yaml": text]) == ["MMC-NET-011 gw.yaml:8:5 Gateway/prod/web (cannot verify)"], "\(reference)")
        }
        // A Gateway's reference is looked up in its own namespace: a restricted configuration of another namespace
        // is not its own.
        let elsewhere = Self.joined(Self.gatewayClass(), Self.configuration("edge", namespace: "platform", "scheme: internal"),
                                    Self.gateway(reference: "edge"))
        #expect(try Self.network(["gw.yaml": elsewhere]) == ["MMC-NET-011 gw.yaml:25:7 Gateway/prod/web (cannot verify)"])
    }

    @Test func anotherControllersGatewayIsNotJudged() throws {
        let istio = Self.joined(Self.gatewayClass("istio", controller: "istio.io/gateway-controller", reference: "edge"),
                                Self.configuration("edge", "scheme: internet-facing"), Self.gateway(className: "istio"))
        #expect(try Self.network(["gw.yaml": istio]) == [])
        // A class the run does not hold: the Gateway's reference to the controller's configuration says whose it is.
        #expect(try Self.network(["gw.yaml": Self.gateway(className: "unknown")]) == [])
        let configured = Self.joined(Self.configuration("edge", "scheme: internet-facing"),
                                     Self.gateway(className: "unknown", reference: "edge"))
        #expect(try Self.network(["gw.yaml": configured]) == ["MMC-NET-011 gw.yaml:7:11 Gateway/prod/web"])
    }

    @Test func classesAndConfigurationsInOtherFilesAreReadAndEveryCopyIsJudged() throws {
        let platform = Self.joined(Self.gatewayClass(reference: "platform/public"),
                                   Self.configuration("public", namespace: "platform", "scheme: internet-facing"))
        #expect(try Self.network(["platform/gateway-class.yaml": platform, "apps/gateway.yaml": Self.gateway()])
            == ["MMC-NET-011 platform/gateway-class.yaml:19:11 Gateway/prod/web"])
        // A restricted copy of the configuration elsewhere does not hide the open one.
        let restricted = Self.configuration("public", namespace: "platform", "scheme: internet-facing", "sourceRanges:", "- 52.20.12.0/24")
        #expect(try Self.network(["platform/gateway-class.yaml": platform, "staging/public.yaml": restricted,
                                  "apps/gateway.yaml": Self.gateway()])
            == ["MMC-NET-011 platform/gateway-class.yaml:19:11 Gateway/prod/web"])
        // In one file, kubectl applies the later copy over the earlier.
        let open = Self.configuration("edge", "scheme: internet-facing")
        let closed = Self.configuration("edge", "scheme: internet-facing", "sourceRanges:", "- 52.20.12.0/24")
        #expect(try Self.network(["gw.yaml": Self.joined(Self.gatewayClass(), open, closed, Self.gateway(reference: "edge"))]) == [])
        #expect(try Self.network(["gw.yaml": Self.joined(Self.gatewayClass(), closed, open, Self.gateway(reference: "edge"))])
            == ["MMC-NET-011 gw.yaml:24:11 Gateway/prod/web"])
    }

    @Test func aGatewayIsJudgedUnderAtMostTheReadingLimit() throws {
        // Seventy world-open copies of its configuration in seventy files: the first 64 are readings, the rest a
        // warning, never a product built of every copy.
        var files = ["gw.yaml": Self.joined(Self.gatewayClass(), Self.gateway(reference: "edge"))]
        for index in 0..<70 {
            files["copies/\(index).yaml"] = Self.configuration("edge", "scheme: internet-facing", "sourceRanges:", "- 0.0.0.0/0",
                                                              "- 52.\(index).0.0/24")
        }
        let open = try Self.network(files).filter { $0.hasPrefix("MMC-NET-011 copies/") && !$0.hasSuffix("(cannot verify)") }
        #expect(open.count == 64)
    }

    /// A ListenerSet in `namespace` attaching a listener on `port` to the Gateway `prod/web`.
    static func listenerSet(namespace: String = "prod", port: Int) -> String {
        var text = "apiVersion: gateway.networking.k8s.io/v1\nkind: ListenerSet\nmetadata:\n  name: extra\n  namespace: \(namespace)\n"
        text += "spec:\n  parentRef:\n    name: web\n"
        if namespace != "prod" { text += "    namespace: prod\n" }
        return text + "  listeners:\n  - name: extra\n    protocol: TCP\n    port: \(port)\n"
    }

    @Test func listenerSetsTheGatewayAcceptsOpenTheirPortsToo() throws {
        let open = Self.joined(Self.gatewayClass(), Self.configuration("edge", "scheme: internet-facing"))
        func gateway(from: String?) -> String {
            guard let from else { return Self.gateway(reference: "edge") }
            return Self.gateway(reference: "edge").replacingOccurrences(
                of: "  listeners:\n", with: "  allowedListeners:\n    namespaces:\n      from: \(from)\n  listeners:\n")
        }
        // By default a Gateway accepts no ListenerSet: port 22 is not its.
        #expect(try Self.network(["gw.yaml": Self.joined(open, gateway(from: nil)), "ssh.yaml": Self.listenerSet(port: 22)])
            == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web"])
        // Accepted, the set's port 22 is open to every address too: critical.
        for from in ["Same", "All", "Selector"] {
            #expect(try Self.network(["gw.yaml": Self.joined(open, gateway(from: from)), "ssh.yaml": Self.listenerSet(port: 22)])
                == ["MMC-NET-001 gw.yaml:14:11 Gateway/prod/web"], "\(from)")
        }
        // `Same` admits only sets of the Gateway's namespace.
        #expect(try Self.network(["gw.yaml": Self.joined(open, gateway(from: "Same")),
                                  "ssh.yaml": Self.listenerSet(namespace: "team", port: 22)])
            == ["MMC-NET-011 gw.yaml:14:11 Gateway/prod/web"])
        #expect(try Self.network(["gw.yaml": Self.joined(open, gateway(from: "All")),
                                  "ssh.yaml": Self.listenerSet(namespace: "team", port: 22)])
            == ["MMC-NET-001 gw.yaml:14:11 Gateway/prod/web"])
    }

    @Test func theFixturesFailAndPass() throws {
        #expect(AdapterHarness.summary(try AdapterHarness.findings(fixture: "kubernetes/fail-gateway-internet-facing.yaml"))
            .filter { $0.hasPrefix("MMC-NET") } == ["MMC-NET-011 21:11 Gateway/prod/web"])
        #expect(AdapterHarness.summary(try AdapterHarness.findings(fixture: "kubernetes/pass-gateway-allowlisted.yaml"))
            .filter { $0.hasPrefix("MMC-NET") } == [])
    }

    @Test func aFileOfGatewayClassesIsScannedForTheRun() {
        #expect(InputReader.couldSpellIngressClass(Array("kind: GatewayClass\n".utf8)))
        #expect(InputReader.couldSpellIngressClass(Array("kind: LoadBalancerConfiguration\n".utf8)))
        #expect(InputReader.couldSpellIngressClass(Array("kind: ListenerSet\n".utf8)))
        #expect(!InputReader.couldSpellIngressClass(Array("kind: Gateway\n".utf8)))
    }
}
