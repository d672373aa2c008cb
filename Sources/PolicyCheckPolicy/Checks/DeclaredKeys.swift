import PolicyCheckModel

/// A deployment's declared keys, found by id or ARN in constant time: prepared once per deployment by the evaluator
/// for the key rules, which otherwise scan every key for every data store (quadratic in large plans).
struct DeclaredKeys: Sendable {
    /// The ids of the keys that have one, in declaration order.
    let ids: [String]
    private let indexByID: [String: Int]
    private let indexByARN: [String: Int]
    /// What each data store's KMS key value refers to, worked out once: three key rules ask about every store's key,
    /// and classifying an ARN parses it.
    private var classified: [String: KeyReference] = [:]

    /// The keys of a deployment, with its data stores' key references classified.
    init(_ deployment: Deployment) {
        self.init(deployment.keys)
        var classified: [String: KeyReference] = [:]
        for store in deployment.dataStores {
            guard let text = store.encryption.kmsKey?.value.known, classified[text] == nil else { continue }
            classified[text] = classify(text)
        }
        self.classified = classified
    }

    init(_ keys: [KeyDeclaration]) {
        var ids: [String] = []
        var byID: [String: Int] = [:]
        var byARN: [String: Int] = [:]
        for (index, key) in keys.enumerated() {
            if let id = key.id?.value {
                ids.append(id)
                if byID[id] == nil { byID[id] = index }
            }
            if let arn = key.arn?.value.known, byARN[arn] == nil { byARN[arn] = index }
        }
        self.ids = ids
        indexByID = byID
        indexByARN = byARN
    }

    /// What a reference refers to, as `KeyReference.classify(_:keys:)` says.
    func classify(_ text: String) -> KeyReference {
        classified[text] ?? KeyReference.classify(text, declaredID: { indexByID[$0] }, declaredARN: { indexByARN[$0] })
    }

    /// The declared keys of a deployment: as the evaluator prepared them, else indexed now.
    static func of(_ deployment: Deployment, context: CheckContext) -> DeclaredKeys {
        context.declaredKeys ?? DeclaredKeys(deployment)
    }

    /// Ids for a message: all of them when there are few, else the first few and how many more, so a plan with
    /// thousands of keys does not put all their names in every finding.
    func listed() -> String {
        guard ids.count > Self.listLimit else { return ids.joined(separator: ", ") }
        return ids.prefix(Self.listLimit).joined(separator: ", ") + " and \(ids.count - Self.listLimit) more"
    }

    /// The most key ids a message names.
    static let listLimit = 5
}
