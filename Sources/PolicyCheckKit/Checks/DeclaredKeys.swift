/// A deployment's declared keys, found by id or ARN in constant time: prepared once per deployment by the evaluator
/// for the key rules, which otherwise scan every key for every data store (quadratic in large plans).
struct DeclaredKeys: Sendable {
    /// The ids of the keys that have one, in declaration order.
    let ids: [String]
    private let indexByID: [String: Int]
    private let indexByARN: [String: Int]

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
        KeyReference.classify(text, declaredID: { indexByID[$0] }, declaredARN: { indexByARN[$0] })
    }

    /// The declared keys of a deployment: as the evaluator prepared them, else indexed now.
    static func of(_ deployment: Deployment, context: CheckContext) -> DeclaredKeys {
        context.declaredKeys ?? DeclaredKeys(deployment.keys)
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
