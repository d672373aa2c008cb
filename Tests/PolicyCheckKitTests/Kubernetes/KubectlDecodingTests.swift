@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Kubernetes objects are judged as kubectl decodes them (go-yaml v2, YAML 1.1, apimachinery's unstructured lists),
/// so a spelling kubectl reads one way cannot show policycheck another.
@Suite struct KubectlDecodingTests {
    typealias H = AdapterHarness

    static func service(type: String = "LoadBalancer", ranges: String? = nil, port: String = "22") -> String {
        var text = "apiVersion: v1\nkind: Service\nmetadata: {name: w, namespace: prod}\nspec:\n  type: \(type)\n"
        if let ranges { text += "  loadBalancerSourceRanges: \(ranges)\n" }
        return text + "  ports:\n  - port: \(port)\n"
    }

    @Test func aBinaryTaggedTypeOrRangeIsReadAsTheTextKubectlDecodes() throws {
        let hiddenType = H.read(text: Self.service(type: "!!binary TG9hZEJhbGFuY2Vy"))
        #expect(hiddenType.errors.isEmpty, "\(hiddenType.errors)")
        #expect(H.summary(try H.findings(hiddenType.deployments)) == ["MMC-NET-001 5:3 Service/prod/w"])
        let hiddenRange = H.read(text: Self.service(ranges: "[!!binary MC4wLjAuMC8w]"))
        let findings = try H.findings(hiddenRange.deployments)
        #expect(H.summary(findings) == ["MMC-NET-001 6:30 Service/prod/w"], "at the tagged scalar")
        #expect(findings.first?.severity == .critical)
    }

    @Test func aBinaryValueKubectlRefusesIsAnErrorAtItsPlace() {
        let read = H.read(text: Self.service(type: "!!binary TG9hZEJhbGFuY2Vy!"))
        #expect(read.deployments.isEmpty)
        #expect(read.errors.map(\.description) == ["inline.yaml:5:9: error: a !!binary value is not valid base64 (kubectl refuses it)"])
    }

    @Test func anItemsSequenceMakesAnyKindAListAsKubectlDecodesIt() throws {
        let service = "- apiVersion: v1\n  kind: Service\n  metadata: {name: w, namespace: prod}\n  spec:\n    type: LoadBalancer\n    ports:\n    - port: 22\n"
        let configMap = H.read(text: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: prod}\nitems:\n" + service)
        #expect(configMap.errors.isEmpty, "\(configMap.errors)")
        #expect(H.summary(try H.findings(configMap.deployments)) == ["MMC-NET-001 9:5 Service/prod/w"])
        // No metadata and a kind that is not a list's: still a list, as apimachinery looks only for `items`.
        let bare = H.read(text: "apiVersion: v1\nkind: Foo\nitems:\n" + service)
        #expect(H.summary(try H.findings(bare.deployments)) == ["MMC-NET-001 8:5 Service/prod/w"])
    }

    @Test func aTypedListsItemWithoutKindIsAnErrorNotASilentPass() throws {
        // apimachinery gives such an item the list's kind and apiVersion, and kubectl applies it: a world-open
        // Service written so used to pass unread.
        let item = "- metadata: {name: w, namespace: prod}\n  spec:\n    type: LoadBalancer\n    ports:\n    - port: 22\n"
        let list = H.read(text: "apiVersion: v1\nkind: ServiceList\nitems:\n" + item)
        #expect(list.errors.map(\.description) == ["inline.yaml:4:3: error: this item of a ServiceList states no kind or "
            + "apiVersion, so kubectl applies it as the list's Service; policycheck does not read such items: write 'kind' and 'apiVersion' on it"])
        // An item with its own kind is read as before; `kind: List` gives no kind (kubectl refuses the item).
        let stated = H.read(text: "apiVersion: v1\nkind: ServiceList\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: w, namespace: prod}\n  spec:\n    type: LoadBalancer\n    ports:\n    - port: 22\n")
        #expect(H.summary(try H.findings(stated.deployments)) == ["MMC-NET-001 8:5 Service/prod/w"])
        #expect(stated.errors.isEmpty, "\(stated.errors)")
        #expect(H.read(text: "apiVersion: v1\nkind: List\nitems:\n" + item).errors.isEmpty)
    }

    static func mattermost(enabled: String, internetFacing: String) -> String {
        "apiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata:\n  name: chat\nspec:\n"
            + "  ingress:\n    enabled: true\n    host: chat.example.com\n"
            + "  awsLoadBalancerController:\n    enabled: \(enabled)\n    internetFacing: \(internetFacing)\n"
    }

    @Test func plainYAML11BooleanWordsAreBooleansAsKubectlReadsThem() throws {
        // go-yaml v2 (sigs.k8s.io/yaml) reads plain on/yes/y as true: the internet-facing ALB is checked.
        for word in ["on", "On", "ON", "yes", "Yes", "YES", "y", "Y"] {
            let read = H.read(text: Self.mattermost(enabled: word, internetFacing: word))
            #expect(read.errors.isEmpty, "\(word): \(read.errors)")
            #expect(try H.findings(read.deployments).map(\.ruleId) == ["MMC-ENC-004", "MMC-NET-011"], "\(word)")
        }
        // Plain off/no/n are false: no ALB.
        for word in ["off", "no", "N"] {
            let read = H.read(text: Self.mattermost(enabled: word, internetFacing: "on"))
            #expect(read.errors.isEmpty, "\(word): \(read.errors)")
            #expect(try H.findings(read.deployments).isEmpty, "\(word)")
        }
    }

    @Test func aQuotedBooleanWordStaysAStringKubectlRefuses() {
        let read = H.read(text: Self.mattermost(enabled: "'on'", internetFacing: "on"))
        #expect(read.errors.map(\.description) == ["inline.yaml:10:14: error: 'spec.awsLoadBalancerController.enabled' must be true or false, found a string"])
    }

    @Test func aLeadingZeroPortIsOctalAsKubectlReadsIt() throws {
        for (literal, port) in [("026", 22), ("012470", 5432), ("0o26", 22), ("0x16", 22), ("+026", 22)] {
            let read = H.read(text: Self.service(port: literal))
            #expect(read.errors.isEmpty, "\(literal): \(read.errors)")
            let findings = try H.findings(read.deployments)
            #expect(findings.map(\.ruleId) == ["MMC-NET-001"], "\(literal): \(H.summary(findings))")
            #expect(findings.first?.message.contains("on port \(port);") == true, "\(literal): \(findings.first?.message ?? "")")
        }
        // Not octal (an 8 or 9): go-yaml reads the decimal float, so 089 is port 89, high as any web port.
        #expect(try H.findings(H.read(text: Self.service(port: "089")).deployments).map(\.ruleId) == ["MMC-NET-011"])
    }

    @Test func goYAMLIntegersFollowStrconvParseIntBaseZero() {
        let go = IntegerSyntax.goYAML
        #expect(go.value(of: "026") == 22 && go.value(of: "-026") == -22 && go.value(of: "0") == 0 && go.value(of: "00") == 0)
        #expect(go.value(of: "0b10110") == 22 && go.value(of: "0X16") == 22 && go.value(of: "22") == 22)
        #expect(go.value(of: "089") == 89 && go.value(of: "0o89") == nil && go.value(of: "0x-16") == nil && go.value(of: "0x") == nil)
        #expect(IntegerSyntax.decimal.value(of: "026") == 26, "other formats keep the YAML 1.2 core reading")
        // go-yaml removes `_` before parsing (review): `2_2` is 22, `0x1_6` 22, `0_26` octal 22.
        #expect(go.value(of: "2_2") == 22 && go.value(of: "0x1_6") == 22 && go.value(of: "0_26") == 22 && go.value(of: "_") == nil)
        // A whole float is the JSON number 22 sigs.k8s.io/yaml writes, which fills a port (tester, round 28); a
        // fraction, or text go-yaml does not read as a float, is not a number.
        #expect(go.value(of: "22.0") == 22 && go.value(of: "2.2e1") == 22 && go.value(of: "+22.") == 22 && go.value(of: "-2.2E+1") == -22)
        #expect(go.value(of: "22.5") == nil && go.value(of: ".") == nil && go.value(of: "1e") == nil && go.value(of: "e1") == nil
                    && go.value(of: ".inf") == nil && go.value(of: "0x1p4") == nil)
        #expect(IntegerSyntax.decimal.value(of: "22.0") == nil, "other formats read no float as an integer")
    }

    @Test func anUnderscoredPortIsTheNumberKubectlReads() throws {
        let read = AdapterHarness.read(text: """
            apiVersion: v1
            kind: Service
            metadata: {name: ssh, namespace: default}
            spec:
              type: LoadBalancer
              ports: [{port: 2_2}]
            """)
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(try AdapterHarness.findings(read.deployments).contains { $0.ruleId == "MMC-NET-001" && $0.message.contains("port 22") })
    }

    @Test func aNetworkPolicyPortWithALeadingZeroIsOctal() throws {
        let text = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p}
            spec:
              ingress:
              - from:
                - ipBlock: {cidr: 0.0.0.0/0}
                ports:
                - port: 026

            """
        let read = H.read(text: text)
        let policy = try #require(read.deployments.first?.allowlists.first)
        #expect(policy.entries.first?.allPorts == [PortRange(22, 22)])
    }
}
