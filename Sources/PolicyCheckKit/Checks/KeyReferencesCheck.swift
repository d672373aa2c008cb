/// Every `kmsKey` must resolve: a declared key's id, a key or alias ARN, an alias, or a key id.
public struct KeyReferencesCheck: Check {
    public static let name = "byok.key-references"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let keys = DeclaredKeys.of(deployment, context: context)
        let declared = keys.ids
        return deployment.dataStores.compactMap { store in
            guard let key = store.encryption.kmsKey, let text = key.value.known else { return nil }
            guard keys.classify(text) == .unresolved else {
                return CheckResult(store.component, .pass)
            }
            let known = declared.isEmpty ? "no keys are declared in spec.keys" : "declared keys: \(keys.listed())"
            return CheckResult(store.component, .fail([Evidence(
                "kmsKey '\(text)' does not resolve: it is not a declared key (\(known)), a key ARN, an alias or a key id"
                    + Suggestion.clause(for: text, among: declared),
                at: key.origin
            )]))
        }
    }
}
