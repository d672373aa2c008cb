import Foundation
import PolicyCheckTestSupport
import PolicyCheckInput
import PolicyCheckKit
import Testing

/// `IngressClass` and `IngressClassParams` are cluster-wide and often kept in a platform file apart from the Ingresses
/// that use them: an Ingress is read with its class and parameters wherever in the run they are defined, and under
/// each definition that differs (which one the cluster holds cannot be told), so a copy can add findings but never
/// take one away.
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

    @Test func anIngressIsJudgedUnderEveryDefinitionOfItsClass() throws {
        // Two classes of one name: whichever was applied last is the cluster's.
        let classes = [
            "deploy/class-a.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal"),
            "deploy/class-b.yaml": Self.ingressClass(parameters: "other") + "---\n" + Self.parameters("other", scheme: "internet-facing"),
            "deploy/apps/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(classes) == ["MMC-NET-011 deploy/class-b.yaml:17:11 Ingress/prod/web"])
        // One class, its parameters defined twice.
        let parameters = [
            "platform/class.yaml": Self.ingressClass(),
            "teams/a/edge.yaml": Self.parameters(scheme: "internal"),
            "teams/b/edge.yaml": Self.parameters(scheme: "internet-facing"),
            "apps/ingress.yaml": Self.ingress(),
        ]
        #expect(try Self.network(parameters) == ["MMC-NET-011 teams/b/edge.yaml:6:11 Ingress/prod/web"])
        // The same definition twice is one reading.
        var same = classes
        same["deploy/class-b.yaml"] = classes["deploy/class-a.yaml"]
        #expect(try Self.network(same).isEmpty)
    }

    @Test func aCopyOfTheClassCannotTakeAFindingAway() throws {
        let platform = Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing")
        let internalCopy = Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal")
        // Beside the Ingress, in its own file, in an examples folder: the platform's class still finds it open.
        for (path, text) in [("apps/web/class.yaml", internalCopy), ("examples/class.yaml", internalCopy),
                             ("apps/web/ingress.yaml", internalCopy + "---\n" + Self.ingress())] {
            var files = ["platform/class.yaml": platform, path: text]
            if path != "apps/web/ingress.yaml" { files["apps/web/ingress.yaml"] = Self.ingress() }
            #expect(try Self.network(files) == ["MMC-NET-011 platform/class.yaml:17:11 Ingress/prod/web"], "\(path)")
        }
        // The only definition in the run, an example's: the Ingress's own annotations still count, as the
        // controller chart's `alb`, installed outside the repository, may be the cluster's.
        let facing = Self.ingress().replacingOccurrences(of: "scheme: internal", with: "scheme: internet-facing")
        #expect(try Self.network(["examples/class.yaml": internalCopy, "apps/web/ingress.yaml": facing])
            == ["MMC-NET-011 apps/web/ingress.yaml:7:39 Ingress/prod/web"])
        // An identical copy carrying an ignore covers its own finding, not the platform's.
        let ignored = platform.replacingOccurrences(of: "  scheme:", with: "  # policycheck:ignore MMC-NET-011 example\n  scheme:")
        let (report, root) = try KeyDiscoveryTests.check(["platform/class.yaml": Array(platform.utf8),
                                                           "examples/class.yaml": Array(ignored.utf8),
                                                           "apps/web/ingress.yaml": Array(Self.ingress().utf8)])
        let open = report.findings.filter { $0.ruleId == "MMC-NET-011" && !$0.isSuppressed }
        #expect(open.map { String($0.file.dropFirst(root.count)) } == ["platform/class.yaml"])
        #expect(report.exitCode == 1)
        // A class of another controller beside it neither.
        let other = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public-alb\nspec:\n  controller: example.com/none\n"
        #expect(try Self.network(["platform/class.yaml": platform, "apps/web/other.yaml": other,
                                  "apps/web/ingress.yaml": Self.ingress()]) == ["MMC-NET-011 platform/class.yaml:17:11 Ingress/prod/web"])
    }

    @Test func aDefaultClassElsewhereServesAnIngressWithoutOne() throws {
        let files = [
            "platform/class.yaml": Self.ingressClass(isDefault: true) + "---\n" + Self.parameters(scheme: "internet-facing"),
            "apps/ingress.yaml": Self.ingress(className: nil),
        ]
        #expect(try Self.network(files) == ["MMC-NET-011 platform/class.yaml:19:11 Ingress/prod/web"])
        // A second default class adds a reading; it takes none away.
        var two = files
        two["other/class.yaml"] = Self.ingressClass("second", parameters: "second", isDefault: true) + "---\n"
            + Self.parameters("second", scheme: "internal")
        #expect(try Self.network(two) == ["MMC-NET-011 platform/class.yaml:19:11 Ingress/prod/web"])
        // The legacy class annotation: the DefaultIngressClass admission plugin gives such an Ingress no default class.
        var legacy = files
        legacy["apps/ingress.yaml"] = Self.ingress(className: nil)
            .replacingOccurrences(of: "  annotations:\n", with: "  annotations:\n    kubernetes.io/ingress.class: alb\n")
        #expect(try Self.network(legacy).isEmpty)
    }

    @Test func classesOnStandardInputCount() throws {
        let root = ScratchFolder.path("ingress-stdin")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let ingress = root.appendingPathComponent("ingress.yaml")
        try Data(Self.ingress().utf8).write(to: ingress)
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 1
        let report = run.run(paths: [ingress.path, "-"],
                             stdin: Array((Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing")).utf8))
        #expect(report.findings.filter { $0.ruleId == "MMC-NET-011" }.map { "\($0.file):\($0.line):\($0.column)" } == ["-:17:11"])
    }

    @Test func aClassFileInUTF16OrWithAnEscapedKindIsRead() throws {
        let platform = Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing")
        // UTF-16 with its byte-order mark, as the file's own read decodes it.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in platform.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let files: [String: [UInt8]] = ["platform/class.yaml": utf16, "apps/ingress.yaml": Array(Self.ingress().utf8)]
        let (report, root) = try KeyDiscoveryTests.check(files)
        let located = report.findings.filter { $0.ruleId == "MMC-NET-011" }.map { String($0.file.dropFirst(root.count)) }
        #expect(located == ["platform/class.yaml"])
        // JSON spelling the kinds with escapes.
        let json = #"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"networking.k8s.io/v1","kind":"Ingress\u0043lass","metadata":{"name":"public-alb"},"spec":{"controller":"ingress.k8s.aws/alb","parameters":{"apiGroup":"elbv2.k8s.aws","kind":"IngressClassParams","name":"edge"}}},{"apiVersion":"elbv2.k8s.aws/v1beta1","kind":"\u0049ngressClassParams","metadata":{"name":"edge"},"spec":{"scheme":"internet-facing"}}]}"#
        #expect(try Self.network(["platform/class.json": json, "apps/ingress.yaml": Self.ingress()])
            == ["MMC-NET-011 platform/class.json:1:384 Ingress/prod/web"])
    }

    @Test func aClassFileSpellingItsKindsInBase64IsRead() throws {
        // go-yaml decodes `!!binary` into the string, kinds included: no `IngressClass` in the text, no escape.
        let platform = (Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"))
            .replacingOccurrences(of: "kind: IngressClassParams\nmetadata", with: "kind: !!binary SW5ncmVzc0NsYXNzUGFyYW1z\nmetadata")
            .replacingOccurrences(of: "kind: IngressClass\nmetadata", with: "kind: !!binary SW5ncmVzc0NsYXNz\nmetadata")
            .replacingOccurrences(of: "    kind: IngressClassParams\n", with: "    kind: !!binary SW5ncmVzc0NsYXNzUGFyYW1z\n")
        #expect(!platform.contains("IngressClass"))
        #expect(try Self.network(["platform/class.yaml": platform, "apps/ingress.yaml": Self.ingress()])
            == ["MMC-NET-011 platform/class.yaml:17:11 Ingress/prod/web"])
    }

    @Test(arguments: ["!!%62inary", "!<tag:yaml.org,2002:%62inary>", "!<tag:yaml.org,2002:bi%6Eary>"])
    func aClassFileWhoseBase64TagIsPercentEscapedIsRead(tag: String) throws {
        // A tag's URI escapes are decoded before the tag is resolved (YAML 1.2, 6.9.1), so `!!%62inary` is `!!binary`
        // and go-yaml decodes the kind: the text names neither the kind nor `binary`.
        let platform = (Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"))
            .replacingOccurrences(of: "kind: IngressClassParams\nmetadata", with: "kind: \(tag) SW5ncmVzc0NsYXNzUGFyYW1z\nmetadata")
            .replacingOccurrences(of: "kind: IngressClass\nmetadata", with: "kind: \(tag) SW5ncmVzc0NsYXNz\nmetadata")
            .replacingOccurrences(of: "    kind: IngressClassParams\n", with: "    kind: \(tag) SW5ncmVzc0NsYXNzUGFyYW1z\n")
        #expect(!platform.contains("IngressClass") && !platform.contains("binary"))
        #expect(try Self.network(["platform/class.yaml": platform, "apps/ingress.yaml": Self.ingress()])
            == ["MMC-NET-011 platform/class.yaml:17:11 Ingress/prod/web"])
    }

    @Test func escapesThatCannotSpellAKindDoNotMakeAFileParsedTwice() {
        // Terraform writes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`: no letter of either kind.
        #expect(!InputReader.couldSpellIngressClass(Array(#"{"policy": "a \u003e b \u0026 \\u"}"#.utf8)))
        #expect(!InputReader.couldSpellIngressClass(Array("kind: \"\\x20 \\U0001F600\"\n".utf8)))
        // A group name outside any Ingress's text, a tag that is neither base64 nor escaped.
        #expect(!InputReader.couldSpellIngressClass(Array("group.name: x\nbinary: !Ref Bucket\n".utf8)))
        // Any escape of a letter either kind holds, a line continuation, or a tag with a URI escape may spell one.
        for text in [#""\u0049ngressClass""#, #""Ingress\u0043lass""#, #""\x43""#, #""\U00000073""#, "\"Ingress\\\nClass\"",
                     "kind: !!%62inary x", "kind: !<tag:yaml.org,2002:%62inary> x", "%TAG !e! tag:yaml.org,2002:\n",
                     "kind: !!binary x", "kind: !<tag:yaml.org,2002:binary> x", #""IngressClass""#,
                     "kind: Ingress\n  alb.ingress.kubernetes.io/group.name: shop"] {
            #expect(InputReader.couldSpellIngressClass(Array(text.utf8)), "\(text)")
        }
    }

    /// A platform's classes installed from Terraform (`kubernetes_manifest`), the applications' Ingresses in YAML,
    /// and the reverse: each input's classes were its own.
    @Test func classesAppliedByATerraformPlanServeManifestsAndTheReverse() throws {
        func manifest(_ address: String, _ object: String) -> String {
            #"{"address": "kubernetes_manifest.\#(address)", "mode": "managed", "type": "kubernetes_manifest", "name": "\#(address)", "#
                + #""change": {"actions": ["create"], "before": null, "after": {"manifest": \#(object), "object": null}, "after_unknown": {"object": true}}}"#
        }
        let classObject = #"{"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass", "metadata": {"name": "public-alb"}, "spec": {"controller": "ingress.k8s.aws/alb", "parameters": {"apiGroup": "elbv2.k8s.aws", "kind": "IngressClassParams", "name": "edge"}}}"#
        let parameters = #"{"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "IngressClassParams", "metadata": {"name": "edge"}, "spec": {"scheme": "internet-facing"}}"#
        let plan = #"{"format_version": "1.2", "resource_changes": ["# + manifest("cls", classObject) + ", " + manifest("params", parameters) + "]}"
        #expect(try Self.network(["platform/plan.json": plan, "apps/ingress.yaml": Self.ingress()])
            .map { $0.replacingOccurrences(of: #":\d+:\d+ "#, with: " ", options: .regularExpression) } == ["MMC-NET-011 platform/plan.json Ingress/prod/web"])
        // The class in YAML, the Ingress applied by a plan.
        let ingress = #"{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "prod"}, "spec": {"ingressClassName": "public-alb", "defaultBackend": {"service": {"name": "web", "port": {"number": 80}}}}}"#
        let applied = #"{"format_version": "1.2", "resource_changes": ["# + manifest("web", ingress) + "]}"
        let findings = try Self.network(["platform/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"),
                                         "apps/plan.json": applied])
        #expect(findings == ["MMC-NET-011 platform/class.yaml:17:11 kubernetes_manifest.web"])
    }

    @Test func anIgnoreAtTheClassIsNotStaleWhenAnIngressElsewhereUsesIt() throws {
        let platform = Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing")
            .replacingOccurrences(of: "  scheme:", with: "  # policycheck:ignore MMC-NET-011 the edge ALB is fronted by CloudFront\n  scheme:")
        let (report, _) = try KeyDiscoveryTests.check(["platform/class.yaml": Array(platform.utf8),
                                                        "apps/ingress.yaml": Array(Self.ingress().utf8)])
        #expect(report.findings.filter { $0.ruleId == "MMC-NET-011" }.map(\.isSuppressed) == [true])
        #expect(!report.warnings.contains { $0.message.hasPrefix("stale inline ignore") }, "\(report.warnings)")
    }

    @Test func copiesBeyondTheLimitAreAWarningAndNeverCrowdOutTheOwnOrADistinctDefinition() throws {
        // Nine clusters, each file a class, its internet-facing parameters and an Ingress: 81 ways in all, each
        // Ingress still judged under its own file's (found before any file was read with another).
        var clusters: [String: String] = [:]
        for cluster in 1...9 {
            clusters["clusters/c\(cluster)/ingress.yaml"] = Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing")
                + "---\n" + Self.ingress()
        }
        let (clustered, clusterRoot) = try KeyDiscoveryTests.check(clusters.mapValues { Array($0.utf8) })
        #expect(clustered.errors.isEmpty, "\(clustered.errors)")
        // Each Ingress at its own file's parameters (and, as the same class, at every other cluster's: 9 × 9).
        let own = clustered.findings.filter { $0.ruleId == "MMC-NET-011" && $0.deployment == $0.file }
        #expect(Set(own.map { String($0.file.dropFirst(clusterRoot.count)) }) == Set(clusters.keys), "\(own.map(\.file))")
        #expect(clustered.findings.filter { $0.ruleId == "MMC-NET-011" }.count == 81)
        // 70 harmless copies of the class (no parameters) sorted before the platform's: the platform's definition
        // differs from them, so it is read among the first, and the rest are a warning, not an error.
        var files = ["platform/class.yaml": Self.ingressClass() + "---\n" + Self.parameters(scheme: "internet-facing"),
                     "apps/ingress.yaml": Self.ingress()]
        let bare = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public-alb\nspec:\n  controller: ingress.k8s.aws/alb\n"
        let internalCopy = Self.ingressClass() + "---\n" + Self.parameters(scheme: "internal")
        for copy in 0..<70 { files["aaa/\(copy).yaml"] = copy % 2 == 0 ? bare : internalCopy }
        let (report, root) = try KeyDiscoveryTests.check(files.mapValues { Array($0.utf8) })
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.findings.filter { $0.ruleId == "MMC-NET-011" }.map { String($0.file.dropFirst(root.count)) } == ["platform/class.yaml"])
        #expect(report.warnings.contains { $0.message.contains("more ways in the checked files than the 64 readings") })
        #expect(report.exitCode == 1)
    }
}
