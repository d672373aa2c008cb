import PolicyCheckKit
@testable import PolicyCheckPolicy
import PolicyCheckSyntax
import Testing

/// A data store's `encryption.kmsKey.declared` (and the account and region read from the key it names) is found
/// through the deployment's key index: the first key with the id, else the first with the ARN, as the scan of every
/// key found it — with duplicate ids and ARNs, and an id that reads as another key's ARN.
@Suite struct DataStoreKeyIndexTests {
    static let arnA = "arn:aws:kms:us-east-1:111122223333:key/11111111-1111-1111-1111-111111111111"
    static let arnB = "arn:aws:kms:eu-west-1:444455556666:key/22222222-2222-2222-2222-222222222222"
    static let arnC = "arn:aws:kms:ap-south-1:777788889999:key/33333333-3333-3333-3333-333333333333"

    static func deployment() -> Deployment {
        let origin = Origin(offset: 0, path: "")
        var deployment = Deployment(name: "keys", source: SourceFile(path: "keys.yaml", bytes: []), format: .native, origin: origin)
        let keys: [(id: String?, arn: String?)] = [("a", arnA), ("a", arnB), ("b", arnA), (arnC, arnB), (nil, arnC), ("c", nil)]
        for (index, spec) in keys.enumerated() {
            var key = KeyDeclaration(component: "keys/\(index)", origin: origin)
            key.id = spec.id.map { Located($0, at: origin) }
            key.arn = spec.arn.map { Located(.known($0), at: origin) }
            deployment.keys.append(key)
        }
        let references = ["a", "b", "c", arnA, arnB, arnC, "arn:aws:kms:us-east-1:111122223333:key/44444444-4444-4444-4444-444444444444",
                          "alias/x", "zzz", "11111111-1111-1111-1111-111111111111"]
        for (index, reference) in references.enumerated() {
            var encryption = Encryption(origin: origin)
            encryption.kmsKey = Located(.known(reference), at: origin)
            deployment.dataStores.append(DataStore(kind: .database, component: "db\(index)", origin: origin, encryption: encryption))
        }
        return deployment
    }

    /// What the scan of every key gave: declared, and the account and region of the ARN it resolves to.
    static func scanned(_ text: String, _ keys: [KeyDeclaration]) -> String {
        var arnText: String? = text
        let declared: Bool
        if case .declared(let index) = KeyReference.classify(text, keys: keys) {
            declared = true
            arnText = keys[index].arn?.value.known
        } else {
            declared = false
        }
        let arn = arnText.flatMap(AmazonResourceName.init)
        return "\(declared) \(arn.map { $0.account.isEmpty ? "-" : $0.account } ?? "-") \(arn?.region ?? "-")"
    }

    static func text(_ attribute: Attribute?) -> String {
        guard case .known(let value)? = attribute?.value else { return "-" }
        return value.text
    }

    @Test func declaredKeysAreFoundAsTheScanFoundThem() {
        let deployment = Self.deployment()
        let resources = ResourceCatalog.resources(.dataStore, in: deployment)
        #expect(resources.count == deployment.dataStores.count)
        var declared = 0
        for (resource, store) in zip(resources, deployment.dataStores) {
            let reference = store.encryption.kmsKey!.value.known!
            let indexed = ["declared", "account", "region"].map { Self.text(resource.attribute("encryption.kmsKey.\($0)")) }
                .joined(separator: " ")
            #expect(indexed == Self.scanned(reference, deployment.keys), "\(reference)")
            declared += indexed.hasPrefix("true") ? 1 : 0
        }
        #expect(declared == 6)
    }
}
