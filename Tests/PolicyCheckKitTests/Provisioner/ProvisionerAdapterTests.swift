@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

@Suite struct ProvisionerAdapterTests {
    typealias H = AdapterHarness

    @Test func isolatedInstallationIsDedicatedAndPasses() throws {
        let read = H.read(fixture: "provisioner/pass-isolated.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        #expect(deployment.format == .provisioner)
        #expect(deployment.name == "initech")
        #expect(deployment.qualifiesResourceNames)
        #expect(deployment.offering?.value == .dedicated)
        #expect(deployment.offering?.origin.path == "Affinity")
        let database = try #require(deployment.dataStores.first { $0.kind == .database })
        #expect(database.component == "Database")
        #expect(database.encryption.atRest?.value == .known(true))
        let files = try #require(deployment.dataStores.first { $0.kind == .fileStore })
        #expect(files.storageType?.value == "s3")
        #expect(files.encryption.atRest == nil)
        #expect(Set(deployment.capabilities.map(\.capability)) == [.databaseHighAvailability, .objectStorage, .ipFiltering])
        #expect(deployment.customDomain == nil)
        let allowlist = try #require(deployment.allowlists.first)
        #expect(allowlist.kind == .ipFiltering && allowlist.internetFacing && allowlist.hasDescriptionField)
        #expect(allowlist.enabled == nil)
        #expect(allowlist.entries.map(\.enabled) == [true, true, false])
        #expect(deployment.regions.map(\.region) == ["us-east-1"])
        #expect(H.summary(try H.findings(read.deployments)) == [])
    }

    @Test func multitenantInstallationAskingForDedicatedResourcesFails() throws {
        let read = H.read(fixture: "provisioner/fail-multitenant.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        #expect(deployment.offering?.value == .shared)
        #expect(deployment.customDomain?.value == "chat.globex.example")
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-OFF-002 4:10 globex/DNS",
            "MMC-OFF-001 5:15 globex/Database",
            "MMC-OFF-001 6:16 globex/Filestore",
            "MMC-NET-001 9:19 globex/AllowedIPRanges",
            "MMC-NET-008 10:5 globex/AllowedIPRanges",
            "MMC-NET-005 10:19 globex/AllowedIPRanges",
            "MMC-NET-006 10:19 globex/AllowedIPRanges",
        ])
        // The malformed entry at 11:19 is disabled (no Enabled): not in force, so not judged (issue 15).
        #expect(findings.map(\.severity) == [.medium, .high, .high, .critical, .low, .low, .medium])
        #expect(findings[1].message.contains("database high availability"))
        #expect(findings[2].message.contains("own object storage"))
        #expect(findings[3].path == "AllowedIPRanges[0].CIDRBlock")
        let entries = try #require(deployment.allowlists.first).entries
        #expect(entries.map(\.enabled) == [true, true, false, false], "an entry without Enabled is off, as in Go")
    }

    @Test func listOfInstallationsGivesOneDeploymentEach() throws {
        let read = H.read(fixture: "provisioner/fail-list.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.deployments.map(\.name) == ["in-cluster", "shared-pool"])
        #expect(read.deployments.map { $0.offering?.value } == [.dedicated, .shared])
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-ENC-001 5:17 in-cluster/Database",
            "MMC-ENC-001 6:18 in-cluster/Filestore",
        ])
        #expect(findings.allSatisfy { $0.cannotVerify && $0.severity == .info })
        #expect(read.deployments[0].allowlists.isEmpty, "AllowedIPRanges null: no filtering")
        let wrapped = try #require(read.deployments[1].allowlists.first)
        #expect(wrapped.origin.path == "[1].AllowedIPRanges.Ranges")
        #expect(wrapped.entries.first?.cidr.origin.path == "[1].AllowedIPRanges.Ranges[0].CIDRBlock")
        #expect(read.deployments[1].dataStores.map { $0.storageType?.value } == [nil, "multitenant-s3"])
        #expect(read.deployments[1].dataStores.first?.encryption.atRest?.value == .known(true))
    }

    @Test func serverSettingsAreOneAllowlist() throws {
        let read = H.read(fixture: "provisioner/fail-server.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let deployment = try #require(read.deployments.first)
        #expect(deployment.offering == nil)
        #expect(!deployment.qualifiesResourceNames)
        let allowlist = try #require(deployment.allowlists.first)
        #expect(allowlist.entries.map(\.enabled) == [true, true, false, false], "a deny rule admits nothing")
        #expect(H.summary(try H.findings(read.deployments)) == [
            "MMC-NET-004 4:20 allowed_ip_ranges",
            "MMC-NET-006 4:20 allowed_ip_ranges",
        ])  // the disabled ::/0 without a description is not in force (issue 15)
    }

    @Test func serverBareListIsReadToo() throws {
        let read = H.read(fixture: "provisioner/fail-server-list.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        let findings = try H.findings(read.deployments)
        #expect(H.summary(findings) == [
            "MMC-NET-008 2:3 allowed_ip_ranges",
            "MMC-NET-001 2:18 allowed_ip_ranges",
            "MMC-NET-003 3:18 allowed_ip_ranges",
        ])
        #expect(findings[1].path == "[0].cidr_block")
    }

    /// The same allowlist problems give the same rule ids as in a native manifest.
    @Test func sameRulesFireAsForTheNativeFormat() throws {
        let cidrs = AllowlistParity.cidrs
        let native = AllowlistParity.nativeManifest()
        let installation = """
            {"Name": "same", "Affinity": "multitenant", "AllowedIPRanges": [
            \(cidrs.map { "{\"CIDRBlock\": \"\($0)\", \"Description\": \"entry\", \"Enabled\": true}" }.joined(separator: ",\n"))
            ]}
            """
        let server = """
            {"allowed_ip_ranges": [
            \(cidrs.map { "{\"cidr_block\": \"\($0)\", \"description\": \"entry\", \"enabled\": true}" }.joined(separator: ",\n"))
            ]}
            """
        let nativeRules = try H.findings(H.read(text: native, name: "native.yaml").deployments).map(\.ruleId).sorted()
        #expect(nativeRules.count >= 7)
        for text in [installation, server] {
            let read = H.read(text: text, name: "provisioner.json")
            #expect(read.deployments.first?.format == .provisioner)
            #expect(try H.findings(read.deployments).map(\.ruleId).sorted() == nativeRules)
        }
    }

    @Test func malformedValuesAreErrorsWithSuggestions() {
        let read = H.read(fixture: "provisioner/malformed.json")
        #expect(read.deployments.isEmpty)
        #expect(read.errors.map(\.description) == [
            "provisioner/malformed.json:3:15: error: 'Affinity' must be one of isolated, multitenant, found 'isolatd' (did you mean 'isolated'?)",
            "provisioner/malformed.json:4:15: error: 'Database' must be one of aws-multitenant-rds, aws-multitenant-rds-postgres, aws-multitenant-rds-postgres-pgbouncer, aws-rds, aws-rds-postgres, external, mysql-operator, none, perseus, found 'aws-rds-postgress' (did you mean 'aws-rds-postgres'?)",
            "provisioner/malformed.json:5:22: error: 'AllowedIPRanges' must be a list of IP ranges, found a string",
        ])
    }

    @Test func platformDomainsAreAParameter() throws {
        let text = #"{"Name": "globex", "Affinity": "isolated", "DNSRecords": [{"DomainName": "chat.globex.example"}]}"#
        let custom = try H.findings(H.read(text: text, name: "i.json").deployments)
        #expect(H.summary(custom) == ["MMC-OFF-002 1:74 globex/DNSRecords"])
        let options = AdapterOptions(platformDomains: ["globex.example"])
        #expect(try H.findings(H.read(text: text, name: "i.json", options: options).deployments).isEmpty)
    }

    @Test func missingAffinityTakesTheAssumedOffering() throws {
        let text = #"{"OwnerID": "o", "Database": "perseus", "Filestore": "bifrost"}"#
        let plain = try #require(H.read(text: text, name: "request.json").deployments.first)
        #expect(plain.offering == nil)
        #expect(plain.name == "request.json")
        let assumed = try #require(H.read(text: text, name: "request.json", options: AdapterOptions(offering: .shared)).deployments.first)
        #expect(assumed.offering?.value == .shared)
    }

    @Test(arguments: [
        (#"{"Affinity": "isolated"}"#, true),
        (#"{"allowed_ip_ranges": []}"#, true),
        (#"[{"cidr_block": "52.20.12.0/24"}]"#, true),
        (#"[{"ID": "a", "OwnerID": "o"}]"#, true),
        (#"{"format_version": "1.2", "planned_values": {}}"#, false),
        (#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}"#, false),
        (#"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}, "OwnerID": "x"}"#, false),
        (#"[]"#, false),
        (#"[{"cidr_block": "52.20.12.0/24"}, {"name": "x"}]"#, false),
    ])
    func detection(text: String, recognised: Bool) throws {
        let document = try JSONReader().read(Array(text.utf8))
        #expect(ProvisionerAdapter.recognises(document) == recognised)
    }
}
