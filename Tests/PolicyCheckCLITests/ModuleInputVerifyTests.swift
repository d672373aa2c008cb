import Foundation
import Testing

/// `verify-report` checks a Terraform module folder from the files the run read, which evidence.json lists beside the
/// module's digest (docs/evidence.md, "Verification"). It printed "skipped input mod: not present at its recorded
/// path" and INTACT for a folder that was there, its main.tf edited to turn storage encryption off.
@Suite struct ModuleInputVerifyTests {
    @Test func anUnchangedModuleFolderIsIntact() throws {
        let bundle = try ModuleBundle()
        let evidence = try bundle.inputRecord()
        let files = try #require(evidence["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["mod/main.tf", "mod/terraform.tfvars"])
        #expect(files.first?["sha256"] as? String == EvidenceWorkspace.sha256(try bundle.workspace.read("checkout/mod/main.tf")))
        let result = try bundle.verify()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok      input mod: sha256 \(evidence["sha256"] as? String ?? "?"): the 2 files the run read unchanged, no Terraform file added"))
        #expect(result.stdout.contains("INTACT: 4 checks passed, 0 skipped"))
    }

    @Test func aModuleFileEditedAfterTheRunIsAltered() throws {
        let bundle = try ModuleBundle()
        try bundle.edit("mod/main.tf") { $0.replacingOccurrences(of: "storage_encrypted = true", with: "storage_encrypted = false") }
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod/main.tf: sha256 is "))
        #expect(result.stdout.contains("ALTERED: input mod/main.tf\n"))
    }

    @Test func anEditedVariablesFileIsNamedAndItsSecretNeverPrinted() throws {
        let bundle = try ModuleBundle()
        try bundle.edit("mod/terraform.tfvars") { $0.replacingOccurrences(of: ModuleBundle.password, with: "hunter3-changed-password") }
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod/terraform.tfvars: sha256 is "))
        #expect(!(result.stdout + result.stderr).contains("hunter"))
        #expect(!(try bundle.workspace.read("bundle/evidence.json")).contains(Data("hunter".utf8)))
    }

    @Test func anOverrideFileAddedAfterTheRunIsAltered() throws {
        let bundle = try ModuleBundle()
        try bundle.write("mod/zz_override.tf", "resource \"aws_db_instance\" \"db\" {\n  storage_encrypted = false\n}\n")
        try bundle.write("mod/notes.txt", "not Terraform\n")
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod/zz_override.tf: added after the run to module mod: Terraform would read it"))
        #expect(!result.stdout.contains("notes.txt"))
    }

    @Test func anAutomaticVariablesFileAddedAfterTheRunIsAltered() throws {
        let bundle = try ModuleBundle()
        try bundle.write("mod/prod.auto.tfvars", "region = \"eu-west-1\"\n")
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod/prod.auto.tfvars: added after the run to module mod: Terraform would read it"))
    }

    @Test func aFileTheRunReadThatIsGoneIsAltered() throws {
        let bundle = try ModuleBundle()
        try FileManager.default.removeItem(atPath: bundle.workspace.path("checkout/mod/terraform.tfvars"))
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod/terraform.tfvars: missing: the run read it for mod"))
    }

    /// A kustomization is recorded by the files its build read (its objects' files, patches and kustomization
    /// files), so a file edited after the run is CHANGED: it was recorded by the rendered output's digest alone and
    /// verified INTACT, with a message calling it a Terraform module (hostile tester, round 35).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl"), "kubectl is not installed"))
    func aKustomizationsBuiltFileEditedAfterTheRunIsAltered() throws {
        let workspace = try EvidenceWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("checkout/app"), withIntermediateDirectories: true)
        try workspace.write("checkout/app/svc.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: prod}
            spec:
              type: LoadBalancer
              ports: [{port: 5432}]
              loadBalancerSourceRanges: ["10.0.0.0/8"]
            """)
        // A component outside the walked folder, whose patch the build applies (review, round 35).
        try FileManager.default.createDirectory(atPath: workspace.path("checkout/comp"), withIntermediateDirectories: true)
        try workspace.write("checkout/comp/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            patches:
            - path: p.yaml
            """)
        try workspace.write("checkout/comp/p.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: prod}
            spec:
              loadBalancerSourceRanges: ["10.0.0.0/8"]
            """)
        try workspace.write("checkout/app/kustomization.yaml", "resources:\n- svc.yaml\ncomponents:\n- ../comp\n")
        let key = try workspace.makeKey("ed25519")
        let report = try PolicyCheckProcess.run(["report", "app", "--out", "../bundle", "--sign-key", "../\(key.privateKey)"],
                                                environment: ["SOURCE_DATE_EPOCH": "1790000000"],
                                                in: workspace.root.appendingPathComponent("checkout"))
        try #require(report.status != 2, "\(report.stdout)\(report.stderr)")
        let verify = { try workspace.run(["verify-report", "bundle", "--inputs-root", "checkout", "--pubkey", key.publicKey]) }
        let intact = try verify()
        #expect(intact.status == 0 && intact.stdout.contains("ok      input app: sha256 "), "\(intact.stdout)\(intact.stderr)")
        #expect(!intact.stdout.contains("no Terraform file added"))
        let path = URL(fileURLWithPath: workspace.path("checkout/app/svc.yaml"))
        let text = try String(contentsOf: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "10.0.0.0/8", with: "0.0.0.0/0").utf8).write(to: path)
        let altered = try verify()
        #expect(altered.status == 1, "\(altered.stdout)\(altered.stderr)")
        #expect(altered.stdout.contains("CHANGED input app/svc.yaml: sha256 is "), "\(altered.stdout)")
        let patch = URL(fileURLWithPath: workspace.path("checkout/comp/p.yaml"))
        let patchText = try String(contentsOf: patch, encoding: .utf8)
        try Data(patchText.replacingOccurrences(of: "10.0.0.0/8", with: "0.0.0.0/0").utf8).write(to: patch)
        #expect(try verify().stdout.contains("CHANGED input comp/p.yaml: sha256 is "))
    }

    @Test func aModuleFolderThatIsGoneIsNotPresent() throws {
        let bundle = try ModuleBundle()
        try FileManager.default.removeItem(atPath: bundle.workspace.path("checkout/mod"))
        let result = try bundle.verify()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("skipped input mod: not present at its recorded path: not checked"))
    }

    @Test func aFolderRecordedWithoutItsFilesIsSaidToBeUncheckableNotAbsent() throws {
        let bundle = try ModuleBundle(signed: false)
        try bundle.editInputRecord { $0.removeValue(forKey: "files") }
        let result = try bundle.verify()
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("skipped input mod: a folder (a Terraform module, a chart or a kustomization): its sha256 is the digest of the files the run read or rendered, which this bundle does not list"))
        #expect(!result.stdout.contains("not present"))
    }

    @Test func aListThatDoesNotGiveTheRecordedDigestIsAltered() throws {
        let bundle = try ModuleBundle(signed: false)
        try bundle.editInputRecord { record in
            var files = record["files"] as! [[String: Any]]
            files.removeLast()
            record["files"] = files
        }
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod: the list of files evidence.json records for this module does not give its recorded sha256"))
    }

    @Test func aListedPathOutOfTheInputsRootIsRefusedNotRead() throws {
        let bundle = try ModuleBundle(signed: false)
        let text = "resource \"aws_s3_bucket\" \"b\" {}\n"
        try bundle.workspace.write("outside.tf", String(text.dropLast()))
        let entry = ModuleBundle.Entry(path: "../outside.tf", text: text)
        try bundle.editInputRecord { record in
            record["files"] = [entry.json]
            record["sha256"] = ModuleBundle.digest([entry])
        }
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input ../outside.tf: refused: the recorded path of a file of mod leads out of --inputs-root"))
    }

    @Test func aListedFileReplacedByALinkOutOfTheInputsRootIsRefused() throws {
        let bundle = try ModuleBundle()
        // The same bytes, outside the checkout: a link to them must not be followed.
        try FileManager.default.moveItem(atPath: bundle.workspace.path("checkout/mod/main.tf"), toPath: bundle.workspace.path("main.tf"))
        try FileManager.default.createSymbolicLink(atPath: bundle.workspace.path("checkout/mod/main.tf"), withDestinationPath: "../../main.tf")
        let result = try bundle.verify()
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("CHANGED input mod/main.tf: refused: the recorded path of a file of mod leads out of --inputs-root"))
    }
}

/// A checkout holding module `mod` (main.tf and a terraform.tfvars with a password), reported from the checkout into
/// `bundle` beside it, signed with an Ed25519 key unless told otherwise.
private struct ModuleBundle {
    static let password = "hunter2-module-password"
    let workspace: EvidenceWorkspace
    let publicKey: String?

    init(signed: Bool = true) throws {
        workspace = try EvidenceWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("checkout/mod"), withIntermediateDirectories: true)
        try workspace.write("checkout/mod/main.tf", """
            provider "aws" { region = "us-east-1" }
            variable "db_password" {
              type      = string
              sensitive = true
            }
            resource "aws_db_instance" "db" {
              engine            = "postgres"
              instance_class    = "db.t3.micro"
              allocated_storage = 20
              storage_encrypted = true
              password          = var.db_password
            }
            """)
        try workspace.write("checkout/mod/terraform.tfvars", "db_password = \"\(Self.password)\"")
        let key = signed ? try workspace.makeKey("ed25519") : nil
        let sign = key.map { ["--sign-key", "../\($0.privateKey)"] } ?? []
        let report = try PolicyCheckProcess.run(["report", "mod", "--out", "../bundle"] + sign,
                                                environment: ["SOURCE_DATE_EPOCH": "1790000000"],
                                                in: workspace.root.appendingPathComponent("checkout"))
        try #require(report.status != 2, "\(report.stdout)\(report.stderr)")
        publicKey = key?.publicKey
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: workspace.path("checkout/\(relative)")))
    }

    func edit(_ relative: String, _ change: (String) -> String) throws {
        let text = String(decoding: try workspace.read("checkout/\(relative)"), as: UTF8.self)
        let changed = change(text)
        try #require(changed != text)
        try write(relative, changed)
    }

    func verify() throws -> PolicyCheckProcess.Result {
        try workspace.run(["verify-report", "bundle", "--inputs-root", "checkout"] + (publicKey.map { ["--pubkey", $0] } ?? []))
    }

    /// The module's `population.inputs[]` record.
    func inputRecord() throws -> [String: Any] {
        let evidence = try #require(try JSONSerialization.jsonObject(with: try workspace.read("bundle/evidence.json")) as? [String: Any])
        let inputs = try #require((evidence["population"] as? [String: Any])?["inputs"] as? [[String: Any]])
        return try #require(inputs.first { $0["file"] as? String == "mod" })
    }

    /// Rewrites the module's record in evidence.json (an unsigned bundle's author can).
    func editInputRecord(_ change: (inout [String: Any]) -> Void) throws {
        let url = URL(fileURLWithPath: workspace.path("bundle/evidence.json"))
        var evidence = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var population = try #require(evidence["population"] as? [String: Any])
        var inputs = try #require(population["inputs"] as? [[String: Any]])
        let index = try #require(inputs.firstIndex { $0["file"] as? String == "mod" })
        change(&inputs[index])
        population["inputs"] = inputs
        evidence["population"] = population
        try JSONSerialization.data(withJSONObject: evidence).write(to: url)
    }

    /// A files[] entry, hashed by the sha256sum command line.
    struct Entry {
        var path: String
        var text: String

        var json: [String: Any] {
            ["path": path, "bytes": text.utf8.count, "sha256": EvidenceWorkspace.sha256(Data(text.utf8))]
        }
    }

    /// The module digest docs/evidence.md defines: SHA-256 of "path NUL bytes NUL sha256 LF" per file.
    static func digest(_ entries: [Entry]) -> String {
        var manifest = Data()
        for entry in entries {
            manifest += Data("\(entry.path)\u{0}\(entry.text.utf8.count)\u{0}\(EvidenceWorkspace.sha256(Data(entry.text.utf8)))\n".utf8)
        }
        return EvidenceWorkspace.sha256(manifest)
    }
}
