import Foundation
import Testing

/// An Argo CD Application or ApplicationSet, a Flux HelmRelease or Kustomization, or a Flux Operator ResourceSet or
/// FluxInstance deploys objects this run does not have (a chart
/// from a repository, a directory of a git repository): each source is a located warning in every format, so the run
/// does not read as having checked them (docs/security.md row 130).
@Suite struct GitOpsSourcesCommandTests {
    typealias CLI = PolicyCheckProcess

    static let fixture = "Tests/PolicyCheckCLITests/Fixtures/gitops/remote-sources-warned.yaml"

    @Test func eachRemoteSourceIsALocatedWarning() throws {
        let result = try CLI.run(["check", Self.fixture, "--now", "2026-11-29", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let warnings = (json["warnings"] as? [[String: Any]] ?? []).map {
            "\($0["line"] ?? 0):\($0["column"] ?? 0): \($0["message"] ?? "")"
        }
        let expected = [
            "9:5: Application/argocd/pg: the objects this Argo CD Application deploys — the Helm chart 'postgresql' version '15.5.0' from 'https://charts.bitnami.com/bitnami' (spec.source) — are not checked",
            "31:7: HelmRelease/db/pg: the objects this Flux HelmRelease deploys — the Helm chart 'postgresql' from the HelmRepository 'bitnami' (spec.chart.spec) — are not checked",
            "49:9: ApplicationSet/argocd/guestbooks: the objects this Argo CD ApplicationSet deploys — the directory 'guestbook' of the git repository 'https://git.example.com/org/deploy.git' (if it is part of this checkout, check it too) (spec.template.spec.source) — are not checked",
            "60:7: Application/argocd/monitoring: the objects this Argo CD Application deploys — the Helm chart 'prometheus' version '25.0.0' from 'https://prometheus-community.github.io/helm-charts' (spec.sources[0]) — are not checked",
            "74:13: HelmRelease/apps/podinfo: the objects this Flux HelmRelease deploys — the chart of the OCIRepository 'podinfo' (spec.chartRef) — are not checked",
            "83:14: Kustomization/flux-system/apps: the objects this Flux Kustomization deploys — the directory './apps/production' of the GitRepository 'fleet' (spec.sourceRef) — are not checked: policycheck does not fetch repositories, and the patches and substitutions written here are not applied",
            "96:5: ResourceSet/flux-system/apps: the objects this Flux Operator ResourceSet deploys — 3 objects templated for each of its inputs (Service, HelmRelease, Kustomization) (spec.resources) — are not checked: policycheck does not expand a ResourceSet's templates",
            "135:5: FluxInstance/flux-system/flux: the objects this Flux Operator FluxInstance deploys — the directory 'clusters/prod' of the GitRepository 'https://github.com/org/fleet.git' (spec.sync) — are not checked",
        ]
        // One per deploying source: the values-only source (`ref`) deploys nothing of its own.
        #expect(warnings.count == expected.count, "\(warnings)")
        for (warning, prefix) in zip(warnings.sorted(by: Self.byLine), expected) {
            #expect(warning.hasPrefix(prefix), "\(warning)")
        }
        // A repository URL's credentials are not printed.
        #expect(!result.stdout.contains("hunter2"))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func theWarningIsInEveryFormat(_ format: String) throws {
        let result = try CLI.run(["check", Self.fixture, "--now", "2026-11-29", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("Application/argocd/pg: the objects this Argo CD Application deploys"), "\(output)")
        #expect(output.contains("HelmRelease/db/pg: the objects this Flux HelmRelease deploys"), "\(output)")
        #expect(output.contains("Kustomization/flux-system/apps: the objects this Flux Kustomization deploys"), "\(output)")
        #expect(output.contains("ResourceSet/flux-system/apps: the objects this Flux Operator ResourceSet deploys"), "\(output)")
        #expect(!output.contains("hunter2"))
    }

    static func byLine(_ a: String, _ b: String) -> Bool {
        (Int(a.prefix { $0 != ":" }) ?? 0) < (Int(b.prefix { $0 != ":" }) ?? 0)
    }
}
