import Foundation
import PolicyCheckKit
import PolicyCheckTestSupport
import Testing

/// A private JSON Web Key (RFC 7517: `d` for RSA, EC and OKP keys, `k` for a symmetric one) in a JWKS, any JSON or
/// YAML value, or a `.jwk` file is a key committed to the tree: MMC-KM-001, and no digest of its file in evidence.
/// Before round 35 both passed unseen and the JWKS's SHA-256 was published (tester, round 35). A public JWK is none.
@Suite struct JSONWebKeyTests {
    @Test func privateJWKsAreKeysInTheTreeAndTheirFilesHaveNoDigest() throws {
        let folder = ScratchFolder.path("jwk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = [
            "jwks.json": #"{"keys": [{"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}]}"#,
            "key.jwk": #"{"kty": "RSA", "n": "\#(String(repeating: "A", count: 342))", "e": "AQAB", "d": "\#(String(repeating: "B", count: 342))"}"#,
            "values.yaml": "signing:\n  key: {kty: oct, k: GawgguFyGrWKav7AX4VKUg}\n",
            "public.json": #"{"keys": [{"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#,
            // Placeholders are no keys (review, round 35).
            "placeholder.yaml": "jwt: {kty: RSA, n: AQAB, e: AQAB, d: \"${JWT_D}\"}\nhmac: {kty: oct, k: \"<set me>\"}\n",
            // A JWKS deployed in a Kubernetes Secret, as text and as base64 (review, round 35).
            "secret.yaml": """
                apiVersion: v1
                kind: Secret
                metadata: {name: jwks}
                stringData:
                  jwks.json: '{"keys": [{"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg"}]}'
                data:
                  signing.json: \(Data(#"{"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#.utf8).base64EncodedString())

                """,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        var run = CheckRun(policy: CompiledPolicy(packs: [try PolicyLoader().loadDefault()]),
                           now: Timestamp(iso8601: "2026-12-07")!, failOn: .low, toolVersion: "test")
        run.hashInputs = true
        let report = run.run(paths: [folder.path])
        let keys = report.findings.filter { $0.ruleId == "MMC-KM-001" }
            .map { "\(($0.file as NSString).lastPathComponent) \($0.message)" }.sorted()
        #expect(keys.count == 5, "\(keys)")
        #expect(keys.filter { $0.hasPrefix("secret.yaml ") }.count == 2, "\(keys)")
        #expect(!keys.contains { $0.hasPrefix("placeholder.yaml") }, "\(keys)")
        #expect(keys.contains { $0.hasPrefix("jwks.json the file holds an EC P-256 private key (jwk)") }, "\(keys)")
        #expect(keys.contains { $0.hasPrefix("key.jwk the file holds an RSA 2048-bit private key (jwk)") }, "\(keys)")
        #expect(keys.contains { $0.hasPrefix("values.yaml ") && $0.contains("symmetric key") }, "\(keys)")
        let digests = Dictionary(uniqueKeysWithValues: report.inputs.map { (($0.file as NSString).lastPathComponent, $0.sha256) })
        #expect(digests["jwks.json"] == .some(nil) && digests["key.jwk"] == .some(nil) && digests["values.yaml"] == .some(nil),
                "\(digests)")
        #expect(digests["public.json"] != .some(nil), "a public key set keeps its digest")
    }
}
