import PolicyCheckModel

/// How the checks of one yes/no data-store setting judge it, so that each check is only what it asks: on passes,
/// off fails with what decided it, unknown until apply cannot be verified, not judged is left out.
enum StoreSettingJudgement {
    /// One result per store whose setting the input lets us judge.
    /// - Parameters:
    ///   - problem: what an off setting means for the store ("server access logging is off for the file store").
    ///   - expected: what the rule asks for instead.
    ///   - subject: what cannot be verified when the setting is unknown ("server access logging of the file store").
    static func results(_ deployment: Deployment, _ setting: KeyPath<DataStore, StoreSetting<Bool>?>,
                        problem: (DataStore) -> String, expected: (DataStore) -> String,
                        subject: (DataStore) -> String) -> [CheckResult] {
        deployment.dataStores.compactMap { store in
            result(store, setting, problem: problem, expected: expected, subject: subject)
        }
    }

    /// The result for one store, `nil` when its setting is not judged.
    static func result(_ store: DataStore, _ setting: KeyPath<DataStore, StoreSetting<Bool>?>,
                       problem: (DataStore) -> String, expected: (DataStore) -> String,
                       subject: (DataStore) -> String) -> CheckResult? {
        guard let stated = store[keyPath: setting] else { return nil }
        switch stated.value {
        case .known(true):
            return CheckResult(store.component, .pass)
        case .known(false):
            return CheckResult(store.component, .fail([Evidence("\(problem(store))\(stated.noteClause); expected \(expected(store))",
                                                                at: stated.origin)]))
        case .unknown(let reason):
            return CheckResult(store.component, .cannotVerify([Evidence(
                "\(subject(store)) cannot be verified: \(reason)", at: stated.origin)]))
        }
    }
}
