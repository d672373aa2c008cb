import PolicyCheckModel

/// Every `kmsKey` must resolve: a declared key's id, a key or alias ARN, an alias, or a key id.
public struct KeyReferencesCheck: Check {
    public static let name = "byok.key-references"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let keys = DeclaredKeys.of(deployment, context: context)
        let declared = keys.ids
        // Prepared on the first unresolved reference: most deployments have none.
        var suggestions: Suggestion.Candidates?
        return deployment.dataStores.compactMap { store in
            guard let key = store.encryption.kmsKey, let text = key.value.known else { return nil }
            guard keys.classify(text) == .unresolved else {
                return CheckResult(store.component, .pass)
            }
            // Infrastructure code declares keys as resources; `spec.keys` and `kmsKey` are the manifest's words.
            let code = deployment.format.isInfrastructureCode
            let known = !declared.isEmpty ? "declared keys: \(keys.listed())"
                : code ? "the file declares no key" : "no keys are declared in spec.keys"
            if suggestions == nil { suggestions = Suggestion.Candidates(declared) }
            let hint = suggestions?.clause(for: text) ?? ""
            return CheckResult(store.component, .fail([Evidence(
                "\(code ? "the KMS key" : "kmsKey") '\(text)' does not resolve: it is not a declared key (\(known)), a key ARN, an alias or a key id"
                    + hint,
                at: key.origin
            )]))
        }
    }
}
