@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The provisioner and the server decode their JSON with Go's `encoding/json`, which matches field names
/// case-insensitively: mattermost-cloud's API writes environment variables as `{"value": …}` and clients send
/// camelCase (`allowedIpRanges`, `cidrBlock`). Read only in PascalCase, an eu-west-1 file store passed and a
/// world-open camelCase allowlist was skipped as "not a manifest".
@Suite struct ProvisionerGoFieldNameTests {
    typealias H = AdapterHarness

    private func summary(_ text: String) throws -> [String] {
        let read = H.read(text: text, name: "installation.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).map { "\($0.ruleId) \($0.resource) \($0.cannotVerify)" }
    }

    @Test func environmentValuesAsTheAPIWritesThemAreRead() throws {
        let findings = try summary("""
            {"Name": "globex", "Affinity": "isolated",
             "MattermostEnv": {"MM_FILESETTINGS_AMAZONS3REGION": {"value": "eu-west-1"}},
             "PriorityEnv": {"MM_FILESETTINGS_AMAZONS3ENDPOINT": {"VALUE": "s3.eu-central-1.amazonaws.com"}}}
            """)
        #expect(findings == ["MMC-RES-001 globex/Filestore false", "MMC-RES-001 globex/Filestore false"])
    }

    @Test func aValueFromASecretCannotBeVerified() throws {
        let findings = try summary("""
            {"Name": "globex", "Affinity": "isolated",
             "MattermostEnv": {"MM_FILESETTINGS_AMAZONS3REGION": {"valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}}}
            """)
        #expect(findings == ["MMC-RES-001 globex/Filestore true"])
    }

    @Test func camelCaseInstallationsAreInstallations() throws {
        let text = #"{"ownerId": "o", "dnsNames": ["a.cloud.mattermost.com"], "allowedIpRanges": [{"cidrBlock": "0.0.0.0/0", "description": "all", "enabled": true}]}"#
        #expect(try summary(text).contains("MMC-NET-001 installation.json/AllowedIPRanges false"))
        #expect(try summary(text.replacingOccurrences(of: "cidrBlock", with: "CidrBlock")).contains("MMC-NET-001 installation.json/AllowedIPRanges false"))
    }

    /// A Helm chart's `values.yaml` holds a pod's `affinity` (a mapping) and often a numeric `groupId`; the
    /// provisioner's `Affinity` and `GroupID` are strings, which Go will not decode from those. Matched
    /// case-insensitively whatever their value, every values file of aws/eks-charts (and external-secrets' chart)
    /// was read as an installation and failed the run: `'Affinity' must be a string, found a mapping`.
    @Test func chartValuesAreNotInstallations() throws {
        let values = "replicaCount: 1\nregion: \"\"\naccountId: \"\"\naffinity: {}\ngroupId: 1000\ntolerations: []\n"
        for document in try YAMLReader().read(Array(values.utf8)) {
            #expect(!ProvisionerAdapter.recognises(document))
        }
        // Named on the command line, it is a file of no format policycheck reads (walked, a "not a manifest" skip).
        let read = H.read(text: values, name: "charts/web/values.yaml")
        #expect(read.errors.map(\.message) == ["the file is not a manifest policycheck reads (formats: native, terraform-plan, cloudformation, kubernetes, provisioner)"])
        #expect(read.deployments.isEmpty)
        // `affinity: ""` (a chart's empty default) is a string, but no affinity the provisioner accepts.
        for text in ["replicaCount: 1\naffinity: \"\"\nnodeSelector: {}\n", "affinity: \"\"\nfileStore: \"\"\n"] {
            #expect(try YAMLReader().read(Array(text.utf8)).allSatisfy { !ProvisionerAdapter.recognises($0) }, "\(text)")
        }
        // A camelCase field of the provisioner's kind still makes an installation.
        for text in ["affinity: isolated\n", "fileStore: bifrost\n"] {
            #expect(try YAMLReader().read(Array(text.utf8)).allSatisfy(ProvisionerAdapter.recognises), "\(text)")
        }
        // With another field that marks an installation, an affinity the provisioner refuses is the reader's error.
        let wrong = H.read(text: #"{"ownerId": "o", "affinity": "dedicated"}"#, name: "installation.json")
        #expect(wrong.errors.map(\.message).contains { $0.contains("must be one of isolated, multitenant") }, "\(wrong.errors)")
    }

    /// Spelt as the provisioner spells it, a field makes an installation whatever its value, so a mistyped one is
    /// still reported as the error it is, not skipped.
    @Test func aMistypedPascalCaseFieldIsStillAnError() {
        let read = H.read(text: #"{"Affinity": {}}"#, name: "installation.json")
        #expect(read.errors.map(\.message).contains { $0.contains("'Affinity' must be a string") }, "\(read.errors)")
    }

    /// The provisioner fills an empty `Affinity`, `Database` or `Filestore` with its default before it validates a
    /// request (`CreateInstallationRequest.SetDefaults`): `isolated`, `mysql-operator`, `minio-operator`. It was an
    /// error here (exit 2).
    @Test func anEmptyAffinityOrStoreIsTheProvisionersDefault() throws {
        let read = H.read(text: #"{"OwnerID": "o", "Affinity": "", "Database": "", "Filestore": ""}"#, name: "installation.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.deployments.first?.offering?.value == .dedicated)
        #expect(read.deployments.first?.dataStores.map(\.component) == ["Database", "Filestore"])
    }

    /// Go matches the Kelvin sign and the long s as `k` and `s` (`bytes.EqualFold`): a field spelt with them is
    /// still the field.
    @Test func unicodeFoldsThatGoMatchesAreMatched() throws {
        let text = "{\"OwnerID\": \"o\", \"AllowedIPRange\u{17F}\": [{\"CIDRBlock\": \"0.0.0.0/0\", \"Description\": \"all\", \"Enabled\": true}]}"
        #expect(try summary(text).contains("MMC-NET-001 installation.json/AllowedIPRanges false"))
    }

    /// Go keeps the last of two names for one field; a reader of the file may take the first. Either way one of them
    /// is hidden, so the pair is an error.
    @Test func twoNamesForOneFieldAreAnError() {
        let read = H.read(text: #"{"OwnerID": "o", "AllowedIPRanges": [{"CIDRBlock": "10.0.0.0/8", "Enabled": true, "enabled": false, "Description": "x"}]}"#,
                          name: "installation.json")
        #expect(read.errors.map(\.message).contains { $0.contains("'enabled' and 'Enabled'") && $0.contains("name the same field") }, "\(read.errors)")
    }

    @Test func theServersSettingsFoldToo() throws {
        let read = H.read(text: #"{"ALLOWED_IP_RANGES": [{"CIDR_BLOCK": "0.0.0.0/0", "Description": "all", "Enabled": true}]}"#, name: "server.json")
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(try H.findings(read.deployments).map(\.ruleId).contains("MMC-NET-001"))
    }

    /// `MattermostEnv` is a Go map: names differing in case are two variables, not one field written twice (review).
    @Test func environmentNamesAreMapKeysMatchedExactly() throws {
        let findings = try summary("""
            {"Name": "globex", "Affinity": "isolated",
             "MattermostEnv": {"MM_FILESETTINGS_AMAZONS3REGION": {"value": "eu-west-1"}, "mm_filesettings_amazons3region": {"value": "x"}}}
            """)
        #expect(findings == ["MMC-RES-001 globex/Filestore false"])
    }
}
