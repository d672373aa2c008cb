import Foundation
import PolicyCheckKit
import Testing

/// `IngressClass` and `IngressClassParams` are cluster-wide and often kept in a platform file apart from the Ingresses
/// that use them: an Ingress is read with its class and parameters wherever in the run they are defined — the nearest
/// definition winning, equally near ones that differ cannot be verified — never by its annotations alone when a
/// class of the run says otherwise.
@Suite struct IngressClassElsewhereTests {
    static func ingressClass(_ name: String = "public-alb", parameters: String = "edge", isDefault: Bool = false) -> String {
        var text = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: \(name)\n"
        if isDefault { text += "  annotations:\n    ingressclass.kubernetes.io/is-default-class: \"true\"\n" }
        return text + "spec:\n  controller: ingress.k8s.aws/alb\n  parameters:\n    apiGroup: elbv2.k8s.aws\n"
            + "    kind: IngressClassParams\n    name: \(parameters)\n"
    }

    static func parameters(_ name: String = "edge", scheme: String) -> String {
        "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata:\n  name: \(name)\nspec:\n  scheme: \(scheme)\n"
    }

    /// An Ingress annotated internal, whose class (when named) decides otherwise.
    static func ingress(className: String? = "public-alb") -> String {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n"
        text += "  annotations:\n    alb.ingress.kubernetes.io/scheme: internal\n"
        text += "    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 443}]'\n"
        text += "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:111122223333:certificate/abc\n"
        return text + "spec:\n" + (className.map { "  ingressClassName: \($0)\n" } ?? "  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 443\n")
    }

    /// The run's network findings as `rule file:line:column resource (cannot verify)`, paths relative to the tree.
    static func network(_ files: [String: String], paths: [String]? = nil) throws -> [String] {
        let (report, root) = try KeyDiscoveryTests.check(files.mapValues { Array($0.utf8) }, paths: paths)
        #expect(report.errors.isEmpty, "\(report.errors)")
        return report.findings.filter { $0.ruleId.hasPrefix("MMC-NET") }.map {
            "\($0.ruleId) \($0.file.dropFirst(root.count)):\($0.line):\($0.column) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")"
        }
    }

    @Test func aClassInAPlatformFileMakesTheALBInternetFacing() throws {
        let files = [
            "platform/ingress-class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"),
            "apps/web/ingress.yaml": Self.ingress(),
        ]
        // World-open at the parameters' scheme, where it is written.
        #expect(try Self.network(files) == ["MMC-NET-011 platform/ingress-class.yaml:17:11 Ingress/prod/web"])
        // Checked alone, the Ingress has no class of the input: its annotations decide, as before.
        #expect(try Self.network(files, paths: ["apps/web/ingress.yaml"]).isEmpty)
    }

    @Test func parametersMayBeInAThirdFile() throws {
        let files = [
            "cluster/class.yaml": Self.ingressClass(),
            "cluster/params/edge.yaml": Self.parameters(scheme: "internet-facing"),
            "apps/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(files) == ["MMC-NET-011 cluster/params/edge.yaml:6:11 Ingress/prod/web"])
        // The class beside the Ingress, its parameters elsewhere.
        let beside = ["apps/ingress.yaml": Self.ingressClass() + "---\n" + Self.ingress(),
                      "cluster/edge.yaml": Self.parameters(scheme: "internet-facing")]
        #expect(try Self.network(beside) == ["MMC-NET-011 cluster/edge.yaml:6:11 Ingress/prod/web"])
    }

    @Test func equallyNearDefinitionsThatDifferCannotBeVerified() throws {
        // Two classes in the tree the Ingress is deployed with (its folder, or one above it).
        let files = [
            "deploy/class-a.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal"),
            "deploy/class-b.yaml": Self.ingressClass(parameters: "other") + "---\n" + Self.parameters("other", scheme: "internet-facing"),
            "deploy/apps/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(files) == ["MMC-NET-011 deploy/apps/ingress.yaml:11:21 Ingress/prod/web (cannot verify)"])
        // One class, its parameters defined differently in two unrelated folders: the parameters win over the
        // annotations, and which the cluster holds cannot be told.
        let parameters = [
            "platform/class.yaml": Self.ingressClass(),
            "teams/a/edge.yaml": Self.parameters(scheme: "internal"),
            "teams/b/edge.yaml": Self.parameters(scheme: "internet-facing"),
            "apps/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(parameters) == ["MMC-NET-011 apps/ingress.yaml:11:21 Ingress/prod/web (cannot verify)"])
        // The same definition twice is no conflict.
        var same = files
        same["deploy/class-b.yaml"] = files["deploy/class-a.yaml"]
        #expect(try Self.network(same).isEmpty)
    }

    @Test func classesThatDifferOnlyInUnrelatedFoldersAreNotTaken() throws {
        // A repository's examples and tests, each with its own `alb`: the Ingress is read by its annotations, as
        // before, with a warning naming the classes.
        let files = [
            "test/a/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal"),
            "test/b/class.yaml": Self.ingressClass(parameters: "other") + "---\n" + Self.parameters("other", scheme: "internet-facing"),
            "examples/ingress.yaml": Self.ingress(),
        ]
        let (report, _) = try KeyDiscoveryTests.check(files.mapValues { Array($0.utf8) })
        #expect(report.findings.filter { $0.ruleId.hasPrefix("MMC-NET") }.isEmpty)
        #expect(report.warnings.contains { $0.message.contains("the IngressClass 'public-alb' is defined differently in")
            && $0.message.contains("test/a/class.yaml") && $0.message.contains("read by their annotations") })
    }

    @Test func theNearestDefinitionWins() throws {
        // The Ingress's own folder over a folder elsewhere, a folder above it over one beside it, its own file over all.
        let nearInternal = [
            "apps/web/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal"),
            "platform/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"),
            "apps/web/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(nearInternal).isEmpty)
        let aboveFacing = [
            "apps/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"),
            "platform/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal"),
            "apps/web/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(aboveFacing) == ["MMC-NET-011 apps/class.yaml:17:11 Ingress/prod/web"])
        let own = [
            "apps/web/ingress.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing") + "---\n" + Self.ingress(),
            "apps/web/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal"),
        ]
        #expect(try Self.network(own) == ["MMC-NET-011 apps/web/ingress.yaml:17:11 Ingress/prod/web"])
    }

    @Test func aDefaultClassElsewhereServesAnIngressWithoutOne() throws {
        let files = [
            "platform/class.yaml": Self.ingressClass(isDefault: true) + "---\n" + Self.parameters(scheme: "internet-facing"),
            "apps/ingress.yaml": Self.ingress(className: nil),
        ]
        #expect(try Self.network(files) == ["MMC-NET-011 platform/class.yaml:19:11 Ingress/prod/web"])
        // Two default classes, equally near: neither is taken, as within one file.
        var two = files
        two["other/class.yaml"] = Self.ingressClass("second", parameters: "second", isDefault: true) + "---\n"
            + Self.parameters("second", scheme: "internal")
        #expect(try Self.network(two).isEmpty)
    }
}
