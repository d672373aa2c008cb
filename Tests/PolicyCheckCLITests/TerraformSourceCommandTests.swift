import Foundation
import Testing

/// End-to-end: `policycheck check DIR` on Terraform source.
@Suite struct TerraformSourceCommandTests {
    typealias CLI = PolicyCheckProcess

    static func fixture(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/terraform-source/\(name)").path
    }

    // MARK: - Shapes terraform-aws-modules use (exit 0/1, never 2)

    @Test func moduleCallsUsingEachOthersOutputsAreChecked() throws {
        let result = try CLI.run(["check", Self.fixture("modules-using-each-others-outputs-pass"), "--offering", "dedicated"])
        // Checked, not refused as a cycle: only the logging, versioning and transit rules (issue 15) find the
        // buckets' unstated settings; no finding of the rules the fixture is about.
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
        #expect(result.stdout.contains("1 file checked, 1 deployment"), "\(result.stdout)")
        for rule in ["MMC-ENC-001", "MMC-ENC-002", "MMC-NET-", "MMC-KEY-", "MMC-RES-"] {
            #expect(!result.stdout.contains(rule), "\(result.stdout)")
        }
    }

    @Test func optionalObjectAttributesAreChecked() throws {
        let result = try CLI.run(["check", Self.fixture("optional-attributes-take-their-defaults-pass"), "--offering", "dedicated"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
    }

    /// A tester's reproducer: an unencrypted, public `awscc_rds_db_instance` and a security group open to the world
    /// on SSH, written with the AWS Cloud Control provider, passed with no word (round 32). Their attributes are not
    /// read: each resource of a type the template rules judge is an error at its block, never a pass.
    @Test func cloudControlResourcesOfJudgedTypesAreErrorsNotPasses() throws {
        let result = try CLI.run(["check", Self.fixture("cloud-control-resources-error"), "--offering", "dedicated"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let output = result.stdout + result.stderr
        for (place, resource, type) in [("main.tf:6:1", "awscc_rds_db_instance.db", "AWS::RDS::DBInstance"),
                                        ("main.tf:13:1", "awscc_ec2_security_group.ssh", "AWS::EC2::SecurityGroup"),
                                        ("main.tf:30:1", "awscc_wafv2_ip_set.office", "AWS::WAFv2::IPSet"),
                                        ("modules/db/main.tf:1:1", "module.db.awscc_rds_db_cluster.aurora", "AWS::RDS::DBCluster")] {
            #expect(output.contains("\(place): error: \(resource): a resource of the AWS Cloud Control provider (\(type))"),
                    "\(output)")
        }
        // The aws provider's own routes: Cloud Control by type name, and a stack's inline template (tester round 32).
        #expect(output.contains("main.tf:41:1: error: aws_cloudcontrolapi_resource.db: a resource of type AWS::RDS::DBInstance created through the Cloud Control API"),
                "\(output)")
        #expect(output.contains("main.tf:50:1: error: aws_cloudformation_stack.inline: a CloudFormation stack whose template_body"),
                "\(output)")
        #expect(!output.contains("awscc_ssm_parameter"), "\(output)")
        #expect(output.contains("6 errors"), "\(output)")
    }

    /// A tester's reproducer: an ALB Ingress made by Terraform's kubernetes provider, internet-facing without
    /// `inbound-cidrs`, passed silently (exit 0); the same Ingress as a manifest failed.
    @Test func aWorldOpenALBIngressMadeByTerraformFails() throws {
        let result = try CLI.run(["check", Self.fixture("kubernetes-ingress-world-open-alb-fail"), "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
        for place in ["main.tf:14:49 high MMC-NET-011", "main.tf:20:26 high MMC-ENC-004"] {
            #expect(result.stdout.contains(place), "\(result.stdout)")
        }
        #expect(result.stdout.contains("[kubernetes_ingress_v1.web]"), "\(result.stdout)")
    }

    /// A tester's reproducer: a Service opening Postgres to the internet through `kubernetes_manifest` (and the same
    /// through `kubectl_manifest`'s YAML) passed silently, in source and in plans; the same YAML failed.
    @Test func worldOpenServicesAppliedWholeByTerraformFail() throws {
        let result = try CLI.run(["check", Self.fixture("kubernetes-manifest-world-open-fail"), "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
        for place in ["main.tf:14:12 critical MMC-NET-001 '0.0.0.0/0' admits every IPv4 address on port 5432",
                      "main.tf:26:15 critical MMC-NET-001", "main.tf:31:15 critical MMC-NET-001"] {
            #expect(result.stdout.contains(place), "\(result.stdout)")
        }
        for resource in ["[kubernetes_manifest.db]", "[kubectl_manifest.search]", "[kubectl_manifest.cache]"] {
            #expect(result.stdout.contains(resource), "\(result.stdout)")
        }
        let plan = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/terraform")
        let failing = try CLI.run(["check", plan.appendingPathComponent("fail/kubernetes-manifest-world-open.json").path,
                                   "--offering", "dedicated"])
        #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("[kubectl_manifest.cache]"), "\(failing.stdout)")
        let passing = try CLI.run(["check", plan.appendingPathComponent("pass/kubernetes-manifest-source-ranges.json").path,
                                   "--offering", "dedicated"])
        #expect(!passing.stdout.contains("MMC-NET"), "\(passing.stdout)")
        // A body that is not YAML: one located error, exit 2, the plan's other Service still judged, no secret shown.
        let broken = try CLI.run(["check", plan.appendingPathComponent("error/kubectl-manifest-yaml-body-not-yaml.json").path,
                                  "--offering", "dedicated"])
        #expect(broken.status == 2, "\(broken.stdout)\(broken.stderr)")
        #expect((broken.stdout + broken.stderr).contains("kubectl-manifest-yaml-body-not-yaml.json:17:24: error: kubectl_manifest.broken:"),
                "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("[kubernetes_manifest.db]"), "\(broken.stdout)")
        #expect(!(broken.stdout + broken.stderr).contains("hunter2"))
    }

    @Test func computedAttributesAreCheckedWithoutAnError() throws {
        let result = try CLI.run(["check", Self.fixture("computed-attributes-cannot-be-verified"), "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
        #expect(result.stdout.contains("[aws_eks_cluster.this]"), "\(result.stdout)")
    }

    @Test func replicaRegionsInNestedBlocksAreResidencyFindings() throws {
        // The tester's reproducer: a DynamoDB replica and a Secrets Manager replica in eu-west-1 passed (exit 0).
        let result = try CLI.run(["check", Self.fixture("replica-regions-fail"), "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        for place in ["main.tf:37:19 high MMC-RES-001", "main.tf:65:14 high MMC-RES-001", "main.tf:73:23 high MMC-RES-001"] {
            #expect(result.stdout.contains(place), "\(result.stdout)")
        }
        #expect(result.stdout.contains("replica region is 'eu-west-1': a copy of the data would be kept in a region outside"),
                "\(result.stdout)")
    }

    /// terraform-aws-security-group's shape: many root modules call one module in a parent folder, and one caller's
    /// value fails there. The error names the caller that met it; the caller whose values are fine has none.
    @Test func anErrorInASharedModuleNamesTheRootModuleThatMetIt() throws {
        let tree = try CLI.directory(with: [
            "shared/main.tf": """
                variable "rules" { type = list(string) }
                locals { ports = { https = 443 } }
                resource "aws_security_group_rule" "r" {
                  count             = length(var.rules)
                  type              = "ingress"
                  security_group_id = "sg-1"
                  protocol          = "tcp"
                  from_port         = local.ports[var.rules[count.index]]
                  to_port           = local.ports[var.rules[count.index]]
                  cidr_blocks       = ["10.0.0.0/8"]
                }
                """,
            "good/main.tf": "provider \"aws\" { region = \"us-east-1\" }\nmodule \"sg\" {\n  source = \"../shared\"\n  rules  = [\"https\"]\n}\n",
            "typo/main.tf": "provider \"aws\" { region = \"us-east-1\" }\nmodule \"sg\" {\n  source = \"../shared\"\n  rules  = [\"htps\"]\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "good", "typo"], in: tree)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let errors = (result.stdout + result.stderr).split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1 && errors[0].hasSuffix("(reached through typo)"), "\(result.stdout)\(result.stderr)")
    }

    // MARK: - Resources judged by their relations

    @Test func theDefaultSecurityGroupsWorldOpenIngressFails() throws {
        let result = try CLI.run(["check", Self.fixture("default-security-group-world-open-fail")])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("main.tf:18:20 critical MMC-NET-001"), "\(result.stdout)")
        #expect(result.stdout.contains("[aws_default_security_group.this]"), "\(result.stdout)")
    }

    /// A rule naming a world-open prefix list of the module passed before (its list was never read).
    @Test func aRuleNamingAWorldOpenPrefixListFailsAtTheListsEntry() throws {
        let result = try CLI.run(["check", Self.fixture("prefix-list-world-open-fail"), "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]]).filter { ($0["ruleId"] as? String)?.hasPrefix("MMC-NET-0") == true }
        let spelled = findings.map { "\($0["line"]!):\($0["column"]!) \($0["severity"]!) \($0["status"]!) \($0["resource"]!)" }
        #expect(spelled.contains("11:19 critical open aws_security_group.db"), "\(spelled)")
        #expect(spelled.contains("41:20 high open aws_security_group_rule.office"), "\(spelled)")
        #expect(spelled.contains("74:23 info cannot-verify aws_vpc_security_group_ingress_rule.cloudfront"), "\(spelled)")
    }

    @Test func aListenerRuleForwardingPlainHTTPFailsAtItsAction() throws {
        let result = try CLI.run(["check", Self.fixture("listener-rules-forwarding-plain-http-fail")])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("main.tf:27:3 high MMC-ENC-004 the rule forwards plain HTTP"), "\(result.stdout)")
        #expect(!result.stdout.contains("[aws_alb_listener_rule.maintenance]"), "\(result.stdout)")
    }

    // MARK: - .tf.json and override files

    @Test func aTfJSONFileIsReadAsItsModule() throws {
        let file = Self.fixture("json-syntax-same-findings") + "/main.tf.json"
        let result = try CLI.run(["check", file, "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("main.tf.json:63:30 critical MMC-NET-001"), "\(result.stdout)")
        #expect(result.stdout.contains("main.tf.json:27:30 critical MMC-ENC-001"), "\(result.stdout)")
        #expect(result.stdout.contains("main.tf.json:15:17"), "\(result.stdout)")
        #expect(result.stdout.contains("1 file checked, 1 deployment"), "\(result.stdout)")
    }

    @Test func overrideFilesDecideFindings() throws {
        let result = try CLI.run(["check", Self.fixture("override-files"), "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("override-files/override.tf:7:23 critical MMC-ENC-001"), "\(result.stdout)")
        #expect(result.stdout.contains("override-files/ci_override.tf.json:10:30 critical MMC-NET-001"), "\(result.stdout)")
        #expect(!result.stdout.contains("MMC-KEY-005"), "\(result.stdout)")
    }

    // MARK: - --tf-var and --tf-var-file

    static let precedence = "Tests/PolicyCheckCLITests/Fixtures/terraform-source/variable-precedence"
    static let north = "Tests/PolicyCheckCLITests/Fixtures/terraform-source/var-files/north.tfvars"
    static let allowed = "Tests/PolicyCheckCLITests/Fixtures/terraform-source/var-files/allowed.tfvars"

    /// The region the residency finding names, `nil` when the run passed.
    static func region(_ arguments: [String]) throws -> String? {
        let result = try CLI.run(["check", precedence, "--offering", "dedicated"] + arguments)
        #expect(result.status == 0 || result.status == 1, "\(result.stdout)\(result.stderr)")
        guard let line = result.stdout.split(separator: "\n").first(where: { $0.contains("MMC-RES-001") }) else { return nil }
        return line.split(separator: "'").dropFirst().first.map(String.init)
    }

    @Test func theModulesOwnTfvarsApplyInTerraformsOrder() throws {
        // default < terraform.tfvars < terraform.tfvars.json < a.auto.tfvars < b.auto.tfvars
        #expect(try Self.region([]) == "eu-central-1")
    }

    /// Terraform orders `*.auto.tfvars` and override files by their names' bytes (Go's string order), not by
    /// Unicode text: `e` + U+0301 comes before `f`, where a precomposed `é` would come after it. A hostile author's
    /// decomposed name must not make the file Terraform applies first win.
    @Test func filesApplyInTheOrderOfTheirNamesBytes() throws {
        let directory = try CLI.temporaryDirectory()
        func write(_ text: String, _ name: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("variable \"region\" {\n  type = string\n}\n\nprovider \"aws\" {\n  region = var.region\n}\n", "main.tf")
        try write("region = \"us-east-1\"\n", "e\u{301}.auto.tfvars")
        try write("region = \"eu-west-1\"\n", "f.auto.tfvars")
        let tfvars = try CLI.run(["check", directory.path, "--offering", "dedicated"])
        #expect(tfvars.status == 1 && tfvars.stdout.contains("eu-west-1"), "\(tfvars.stdout)\(tfvars.stderr)")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("f.auto.tfvars"))
        try write("provider \"aws\" {\n  region = \"us-east-1\"\n}\n", "e\u{301}_override.tf")
        try write("provider \"aws\" {\n  region = \"eu-north-1\"\n}\n", "f_override.tf")
        let overrides = try CLI.run(["check", directory.path, "--offering", "dedicated"])
        #expect(overrides.status == 1 && overrides.stdout.contains("eu-north-1"), "\(overrides.stdout)\(overrides.stderr)")
    }

    @Test func commandLineValuesAndFilesWinInTheOrderGiven() throws {
        #expect(try Self.region(["--tf-var", "region=us-east-1"]) == nil)
        #expect(try Self.region(["--tf-var", "region=us-east-1", "--tf-var-file", Self.north]) == "eu-north-1")
        #expect(try Self.region(["--tf-var-file=\(Self.north)", "--tf-var=region=us-east-1"]) == nil)
        #expect(try Self.region(["--tf-var-file", Self.north, "--tf-var-file", Self.allowed]) == nil)
        #expect(try Self.region(["--tf-var-file", Self.allowed, "--tf-var-file", Self.north]) == "eu-north-1")
    }

    @Test func aBadAssignmentIsOneLineWithoutItsValue() throws {
        let result = try CLI.run(["check", Self.precedence, "--tf-var", "region=us-east-1", "--tf-var", "s3cr3t-no-equals"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: --tf-var #2 is not NAME=VALUE with NAME a Terraform variable name (letters, digits, '_' and '-', not starting with a digit)\n")
        #expect(!result.stderr.contains("s3cr3t"))
    }

    @Test func anUnreadableVariableFileIsOneLine() throws {
        let result = try CLI.run(["check", Self.precedence, "--tf-var-file", "missing.tfvars"])
        #expect(result.status == 2)
        #expect(result.stderr == "missing.tfvars: error: --tf-var-file: cannot read the file\n")
    }

    @Test func variablesInATreeConfigAreRefusedUnlessAllowedAndAreRecorded() throws {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.packageRoot.appendingPathComponent(Self.precedence).path),
                                         to: directory.appendingPathComponent("infra"))
        try "apiVersion: policycheck/v1\nkind: Config\nterraform:\n  vars: [region=us-east-1]\n"
            .write(to: directory.appendingPathComponent(".policycheck.yaml"), atomically: true, encoding: .utf8)
        // Found upward from the working directory (a pull request's checkout), it may not choose the values.
        let refused = try CLI.run(["check", "infra", "--offering", "dedicated"], in: directory)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains(".policycheck.yaml:3:1: error: 'terraform.vars: region=(value not shown)' may weaken the gate"), "\(refused.stderr)")
        let allowed = try CLI.run(["check", "infra", "--offering", "dedicated", "--allow-tree-config"], in: directory)
        #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
        let out = directory.appendingPathComponent("bundle")
        let report = try CLI.run(["report", "infra", "--offering", "dedicated", "--config", ".policycheck.yaml", "--out", out.path],
                                 environment: ["SOURCE_DATE_EPOCH": "1795000000"], in: directory)
        #expect(report.status == 0, "\(report.stdout)\(report.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("evidence.json"))) as? [String: Any])
        let settings = try #require((evidence["configuration"] as? [String: Any])?["settings"] as? [[String: Any]])
        let entry = try #require(settings.first { $0["name"] as? String == "terraform.vars" })
        #expect(entry["value"] as? String == "region=(value not shown)")
        #expect(entry["effect"] as? String == "changes")
    }

    @Test func aBadConfigEntryIsLocated() throws {
        let directory = try CLI.temporaryDirectory()
        try "apiVersion: policycheck/v1\nkind: Config\nterraform:\n  vars: [nope]\n"
            .write(to: directory.appendingPathComponent("trusted.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", CLI.packageRoot.appendingPathComponent(Self.precedence).path, "--config", "trusted.yaml"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("trusted.yaml:4:10: error: 'terraform.vars' entries are NAME=VALUE"), "\(result.stderr)")
    }

    // MARK: - Hostile source

    /// Each hostile module in its own folder: exit 2, one error line naming file:line:col, nothing checked.
    @Test func hostileSourceIsOneLocatedErrorLine() throws {
        let root = try CLI.temporaryDirectory()
        let modules: [(String, [String: String], String)] = [
            ("deep", ["main.tf": "locals {\n  a = " + String(repeating: "[", count: 100_000) + "\n}\n"],
             "deep/main.tf:2:134: error: nesting deeper than 128 levels"),
            ("deep-json", ["main.tf.json": #"{"locals": {"a": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}}"],
             "deep-json/main.tf.json:1:272: error: nesting deeper than 256 levels"),
            ("heredoc", ["main.tf": "locals {\n  a = <<EOT\n" + String(repeating: "policy\n", count: 300_000) + "EOT\n}\n"],
             "heredoc/main.tf:2:7: error: heredoc longer than 1048576 bytes"),
            ("cyclic", ["main.tf": "locals {\n  a = local.b\n  b = \"x-${local.a}\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.a\n}\n"],
             "cyclic/main.tf:3:12: error: local value 'a' refers to itself through a cycle of references"),
            ("itself", ["main.tf": "module \"again\" {\n  source = \"./\"\n}\n"],
             "itself/main.tf:1:1: error: module.again: the module source './' leads back to"),
            ("up", ["main.tf": "module \"child\" {\n  source = \"./child\"\n}\n", "child/main.tf": "module \"parent\" {\n  source = \"../\"\n}\n"],
             "up/child/main.tf:1:1: error: module.parent: the module source '../' leads back to"),
        ]
        for (name, files, expected) in modules {
            for (file, text) in files {
                let url = root.appendingPathComponent(name).appendingPathComponent(file)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let result = try CLI.run(["check", name], in: root)
            #expect(result.status == 2, "\(name): \(result.stdout)\(result.stderr)")
            let errors = (result.stdout + result.stderr).split(separator: "\n").filter { $0.contains("error:") }
            #expect(errors.count == 1, "\(name): \(result.stdout)\(result.stderr)")
            #expect(errors.first?.trimmingCharacters(in: .whitespaces).hasPrefix(expected) == true, "\(name): \(errors)")
            #expect(result.stdout.contains("0 files checked, 0 deployments"), "\(name): \(result.stdout)")
        }
    }

    /// Two root modules calling one local module that calls remote ones: one warning per call site (a second call of
    /// the same source too), not one per root module; and sources that differ late are printed whole.
    @Test func aRemoteModuleIsWarnedOnceAtItsCallSiteWithItsWholeSource() throws {
        let root = try CLI.temporaryDirectory()
        let long = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster-update-variant"
        let files = [
            "standard/main.tf": "module \"network\" {\n  source = \"../modules/network\"\n}\n",
            "autopilot/main.tf": "module \"network\" {\n  source = \"../modules/network\"\n}\n",
            "modules/network/main.tf": "module \"vpc\" {\n  source = \"terraform-google-modules/network/google\"\n}\n"
                + "module \"gke\" {\n  source = \"\(long)\"\n}\n"
                + "module \"autopilot\" {\n  source = \"terraform-google-modules/kubernetes-engine/google//modules/beta-autopilot-private-cluster\"\n}\n"
                + "module \"vpc_again\" {\n  source = \"terraform-google-modules/network/google\"\n}\n",
        ]
        for (file, text) in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let result = try CLI.run(["check", "."], in: root)
        #expect(result.status != 2, "\(result.stdout)\(result.stderr)")
        // In the text report, under the file (stderr does not repeat what the report shows: docs/output.md).
        let warnings = result.stdout.split(separator: "\n").filter { $0.contains("warning:") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!result.stderr.contains("warning:"), "\(result.stderr)")
        #expect(warnings == [
            "modules/network/main.tf:1:1: warning: module.vpc: the source 'terraform-google-modules/network/google' is not a local path; its resources are not checked (run policycheck on the plan to include them)",
            "modules/network/main.tf:4:1: warning: module.gke: the source '\(long)' is not a local path; its resources are not checked (run policycheck on the plan to include them)",
            "modules/network/main.tf:7:1: warning: module.autopilot: the source 'terraform-google-modules/kubernetes-engine/google//modules/beta-autopilot-private-cluster' is not a local path; its resources are not checked (run policycheck on the plan to include them)",
            "modules/network/main.tf:10:1: warning: module.vpc_again: the source 'terraform-google-modules/network/google' is not a local path; its resources are not checked (run policycheck on the plan to include them)",
        ], "\(result.stdout)")
    }

    /// A local module source that leads out of the checked tree is refused like a BYOK path or `extends:` out of it
    /// (docs/security.md): one error at the `source` attribute, exit 2. From the repository root, or with
    /// --allow-outside-tree, the same example reads its module.
    /// Terraform reads `.\modules\db` as the local module `./modules/db` on every platform; policycheck called it
    /// "not a local path" and left its unencrypted database unchecked, behind a warning.
    @Test func aModuleSourceWrittenWithBackslashesIsLocal() throws {
        let root = try CLI.temporaryDirectory()
        let files = [
            "main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nmodule \"db\" {\n  source    = \".\\\\modules\\\\db\"\n  encrypted = false\n}\n",
            "modules/db/main.tf": "variable \"encrypted\" {}\n\nresource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  encrypted         = var.encrypted\n}\n",
        ]
        for (file, text) in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let result = try CLI.run(["check", ".", "--fail-on", "none"], in: root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("not a local path"), "\(result.stderr)")
        let failures = result.stdout.split(separator: "\n").filter { $0.contains("MMC-ENC-001") }
        #expect(failures.count == 1, "\(result.stdout)")
        #expect(failures.first?.contains("main.tf:7:15 critical MMC-ENC-001") == true, "\(result.stdout)")
        #expect(failures.first?.contains("[module.db.aws_ebs_volume.v]") == true, "\(result.stdout)")
    }

    @Test func moduleSourceOutsideTheCheckedTreeIsRefused() throws {
        let root = try CLI.temporaryDirectory()
        let files = [
            "repo/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n",
            "repo/examples/complete/main.tf": "module \"bucket\" {\n  source = \"../../\"\n}\n",
        ]
        for (file, text) in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let example = root.appendingPathComponent("repo/examples/complete")
        let refused = try CLI.run(["check", "."], in: example)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        let errors = (refused.stdout + refused.stderr).split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.trimmingCharacters(in: .whitespaces).hasPrefix(
            "main.tf:2:3: error: module.bucket: the module source '../../' lies outside the checked tree; pass --allow-outside-tree to read it, or run policycheck from the repository root") == true, "\(errors)")

        let repo = root.appendingPathComponent("repo")
        for (arguments, directory) in [(["check", "examples/complete"], repo), (["check", "."], repo),
                                       (["check", ".", "--allow-outside-tree"], example)] {
            let result = try CLI.run(arguments, in: directory)
            #expect(result.status != 2, "\(arguments): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("aws_s3_bucket.b"), "\(arguments): \(result.stdout)")
        }
    }
}
