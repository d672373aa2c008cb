import PolicyCheckModel
import PolicyCheckSyntax

/// What the OpenSearch Serverless security policies of one input say about its collections, shared by the plan and
/// template readers: whether a collection's endpoint is public (network policies) and which key encrypts it
/// (encryption policies).
///
/// AWS's rules, from the OpenSearch Service developer guide:
/// - A network policy is a list of rule sets, each with `Rules` (a `ResourceType`, `collection` or `dashboard`, and
///   `Resource` patterns `collection/<name>` or `collection/<prefix>*`) and `AllowFromPublic`. "A rule that specifies
///   public access overrides a rule that specifies VPC access for any collections that are common to both rules", and
///   with `AllowFromPublic` true "the VPC endpoints are ignored"
///   (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html). Both
///   endpoints are judged: "if a collection's OpenSearch Dashboards endpoint is publicly accessible but the
///   OpenSearch API endpoint isn't, a user can access the collection data only through Dashboards when connecting
///   from a public network" (the same page) — public all the same.
/// - An encryption policy has `Rules` of the same patterns, `AWSOwnedKey` and `KmsARN` ("If you include this
///   parameter, OpenSearch Serverless ignores the AWSOwnedKey parameter"); "if rules from multiple policies match a
///   collection, the more specific rule is used", and "encryption at rest is required for all serverless collections"
///   (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html).
///
/// Rules are indexed by their pattern once, so a collection's policies are found by its name and each of its
/// prefixes (names are at most 32 characters, and no more are tried), never by a scan of every rule.
struct ServerlessCollectionPolicies {
    /// One `Resource` pattern of a rule set, and what that rule set says.
    private struct Rule {
        var type: PolicyType
        var policy: String
        var origin: Origin
        /// A network rule's `AllowFromPublic`.
        var allowFromPublic: Fact<Bool>?
        /// A network rule's endpoint: the collection's own, or its OpenSearch Dashboards endpoint.
        var isDashboard = false
        /// An encryption rule's key: `nil` when AWS owns it.
        var key: Fact<String>?

        /// How messages name a Dashboards endpoint: the collection's data is reached through it.
        var endpointText: String { isDashboard ? "'s OpenSearch Dashboards endpoint" : "" }
    }

    /// What the rules of one pattern say, gathered as they are added: a collection consults the summaries of its
    /// name and prefixes, never their rules one by one. Every collection copied the rules of each matching pattern,
    /// and 10,000 collections under policies of `collection/*` took 156 s (hunter, round 37).
    private struct Summary {
        /// The first network rule allowing public access, the first whose `AllowFromPublic` is unknown, the first.
        var firstPublic: Rule?
        var firstUnknown: Rule?
        var firstNetwork: Rule?
        /// The first encryption rule, whether a later one names another key, and the first four rules' policies.
        var firstEncryption: Rule?
        var keysDiffer = false
        var encryptionPolicies: [String] = []

        mutating func add(_ rule: Rule) {
            switch rule.type {
            case .network:
                if rule.allowFromPublic?.known == true, firstPublic == nil { firstPublic = rule }
                if rule.allowFromPublic?.known == nil, firstUnknown == nil { firstUnknown = rule }
                if firstNetwork == nil { firstNetwork = rule }
            case .encryption:
                if let first = firstEncryption {
                    if Self.keyText(rule) != Self.keyText(first) { keysDiffer = true }
                } else {
                    firstEncryption = rule
                }
                if encryptionPolicies.count < 4 { encryptionPolicies.append(rule.policy) }
            }
        }

        /// A key as compared: unknown keys alike, an AWS owned key as empty.
        private static func keyText(_ rule: Rule) -> String {
            rule.key.map { fact -> String in fact.known ?? "\u{0}" } ?? ""
        }
    }

    private var exact: [String: Summary] = [:]
    private var prefixes: [String: Summary] = [:]
    /// Policies whose patterns or content cannot be read (known only after apply, a parameter): what they say may
    /// apply to any collection.
    private var unreadableNetwork: [(reason: String, origin: Origin)] = []
    private var unreadableEncryption: [(reason: String, origin: Origin)] = []
    /// Whether any network rule allows public access, for collections whose names are not known.
    private var publicRules: [Rule] = []
    private(set) var isEmpty = true
    private var hasEncryptionRules = false

    /// Why a collection's key cannot be known when no encryption policy of the input matches it.
    static let noEncryptionPolicy = "no encryption policy of the input matches the collection, and AWS creates a collection only when one does, so a policy elsewhere in the account chooses its key"

    enum PolicyType: String {
        case network, encryption
    }

    /// The pattern a `Resource` entry names, `nil` for one that is not a collection pattern.
    private static func pattern(_ resource: String) -> String? {
        guard resource.lowercased().hasPrefix("collection/") else { return nil }
        return String(resource.dropFirst("collection/".count))
    }

    /// Adds a policy of `type` whose document is known — or known in part: `unknown` marks, as a plan's
    /// `after_unknown` does, the values known only after apply (`true`, or a text saying why).
    mutating func add(_ type: PolicyType, named name: String, document: SourceNode, unknown: SourceNode? = nil,
                      at origin: Origin) {
        isEmpty = false
        let later = "policy '\(name)' is known only in part before apply"
        switch type {
        case .network:
            // A list of rule sets; one rule set written alone counts as one.
            let sets = document.items ?? [document]
            for (index, set) in sets.enumerated() {
                let mirror = document.items == nil ? unknown : unknown?.item(at: index)
                let stated = set["AllowFromPublic"]
                let allow: Fact<Bool>
                if Self.holdsUnknown(mirror?["AllowFromPublic"]) {
                    allow = .unknown(reason: "AllowFromPublic of network \(later)")
                } else if stated == nil || stated?.isNull == true {
                    allow = .known(false)
                } else if let flag = stated?.bool ?? ["true": true, "false": false][stated?.string?.lowercased() ?? ""] {
                    allow = .known(flag)
                } else {
                    allow = .unknown(reason: "network policy '\(name)' sets AllowFromPublic to a value that is not a boolean")
                }
                // Patterns known only after apply may name any collection.
                if mirror?.bool == true || mirror?.isString == true || Self.holdsUnknown(mirror?["Rules"]), allow.known != false {
                    unreadableNetwork.append(("which collections network \(later) allows public access to cannot be known", origin))
                }
                for rule in set["Rules"]?.items ?? [] {
                    let type = rule["ResourceType"]?.string?.lowercased()
                    guard type == "collection" || type == "dashboard" else { continue }
                    let entry = Rule(type: .network, policy: name, origin: origin, allowFromPublic: allow,
                                     isDashboard: type == "dashboard")
                    addPatterns(rule["Resource"], entry)
                    if allow.known != false { publicRules.append(entry) }
                }
            }
        case .encryption:
            let key: Fact<String>?
            if Self.holdsUnknown(unknown?["KmsARN"]) {
                key = .unknown(reason: "KmsARN of encryption \(later)")
            } else if let arn = document["KmsARN"], !arn.isNull {
                key = arn.string.map { .known($0) } ?? .unknown(reason: "encryption policy '\(name)' names its KmsARN by a value that is not a string")
            } else {
                key = nil
            }
            if Self.holdsUnknown(unknown?["Rules"]) {
                unreadableEncryption.append(("which collections encryption \(later) applies to cannot be known", origin))
            }
            for rule in document["Rules"]?.items ?? [] where rule["ResourceType"]?.string?.lowercased() ?? "collection" == "collection" {
                hasEncryptionRules = true
                addPatterns(rule["Resource"], Rule(type: .encryption, policy: name, origin: origin, key: key))
            }
        }
    }

    /// Whether a plan's unknown mirror marks anything below it unknown.
    private static func holdsUnknown(_ mirror: SourceNode?) -> Bool {
        guard let mirror else { return false }
        if mirror.bool == true || mirror.isString { return true }
        if let items = mirror.items { return items.contains { holdsUnknown($0) } }
        if let entries = mirror.entries { return entries.contains { holdsUnknown($0.value) } }
        return false
    }

    /// Adds a policy whose type or document cannot be read.
    mutating func addUnreadable(_ type: PolicyType?, reason: String, at origin: Origin) {
        isEmpty = false
        if type != .encryption { unreadableNetwork.append((reason, origin)) }
        if type != .network { unreadableEncryption.append((reason, origin)) }
    }

    private mutating func addPatterns(_ resources: SourceNode?, _ rule: Rule) {
        let texts = resources?.items?.compactMap(\.string) ?? resources?.string.map { [$0] } ?? []
        for text in texts {
            guard let pattern = Self.pattern(text) else { continue }
            if pattern.hasSuffix("*") {
                prefixes[String(pattern.dropLast()), default: Summary()].add(rule)
            } else {
                exact[pattern, default: Summary()].add(rule)
            }
        }
    }

    /// The rules matching a collection name, most specific first: the exact name, then longer prefixes before
    /// shorter ones.
    /// The longest collection name AWS takes (`^[a-z][a-z0-9-]{2,31}$`): a longer one is no collection, and its
    /// prefixes are sought only so far — every prefix of a name of a million characters took minutes.
    static let longestName = 32

    private func summaries(matching name: String) -> [(summary: Summary, isExact: Bool)] {
        var found: [(Summary, Bool)] = exact[name].map { [($0, true)] } ?? []
        var prefix = name.prefix(Self.longestName)
        while true {
            if let summary = prefixes[String(prefix)] { found.append((summary, false)) }
            if prefix.isEmpty { break }
            prefix = prefix.dropLast()
        }
        return found
    }

    /// Whether a collection's endpoint is reachable from public networks; `nil` when no policy of the input says.
    /// `name` is `nil` when the collection's name is not known.
    func publicAccess(of name: String?, at origin: Origin) -> (Located<Fact<Bool>>, note: String?)? {
        guard let name else {
            if let every = prefixes[""]?.firstPublic {
                return (Located(.known(true), at: every.origin), "network policy '\(every.policy)' allows public access to every collection\(every.endpointText) (collection/*)")
            }
            if let some = publicRules.first {
                return (Located(.unknown(reason: "the collection's name cannot be known, and network policy '\(some.policy)' allows public access to some collections"), at: origin), nil)
            }
            if let unreadable = unreadableNetwork.first {
                return (Located(.unknown(reason: unreadable.reason), at: unreadable.origin), nil)
            }
            return nil
        }
        // The matching rules in order of specificity: the first public one, else the first unknown one, else the first.
        let matching = summaries(matching: name).map(\.summary)
        if let open = matching.lazy.compactMap(\.firstPublic).first {
            return (Located(.known(true), at: open.origin), "network policy '\(open.policy)' allows public access to \(open.isDashboard ? "its OpenSearch Dashboards endpoint, and through it to its data" : "it") (AllowFromPublic true)")
        }
        if let unknown = matching.lazy.compactMap(\.firstUnknown).first, case .unknown(let reason)? = unknown.allowFromPublic {
            return (Located(.unknown(reason: reason), at: unknown.origin), nil)
        }
        if let unreadable = unreadableNetwork.first {
            return (Located(.unknown(reason: unreadable.reason), at: unreadable.origin), nil)
        }
        guard let closed = matching.lazy.compactMap(\.firstNetwork).first else { return nil }
        return (Located(.known(false), at: closed.origin), nil)
    }

    /// The key that encrypts a collection: `.some(nil)` for an AWS owned key (with the policy's origin), the key when
    /// a policy names one, unknown when the input cannot say, and `nil` when no policy of the input matches.
    func key(of name: String?, at origin: Origin) -> (key: Located<Fact<String>>?, origin: Origin, note: String?)? {
        guard let name else {
            guard hasEncryptionRules || !unreadableEncryption.isEmpty else { return nil }
            return (Located(.unknown(reason: "the collection's name cannot be known, so neither can the encryption policy that chooses its key"), at: origin), origin, nil)
        }
        // The most specific pattern with encryption rules decides: the name itself, else its longest prefix.
        guard let best = summaries(matching: name).first(where: { $0.summary.firstEncryption != nil }),
              let first = best.summary.firstEncryption else {
            if let unreadable = unreadableEncryption.first {
                return (Located(.unknown(reason: unreadable.reason), at: unreadable.origin), unreadable.origin, nil)
            }
            return nil
        }
        // An unreadable policy may hold a more specific pattern than a prefix; an exact name wins whatever it holds
        // (AWS refuses the same pattern in two encryption policies).
        if !best.isExact, let unreadable = unreadableEncryption.first {
            return (Located(.unknown(reason: unreadable.reason), at: unreadable.origin), unreadable.origin, nil)
        }
        if best.summary.keysDiffer {
            let names = best.summary.encryptionPolicies.map { "'\($0)'" }.joined(separator: ", ")
            return (Located(.unknown(reason: "encryption policies \(names) match it alike and name different keys"), at: first.origin), first.origin, nil)
        }
        guard let key = first.key else {
            return (nil, first.origin, "encryption policy '\(first.policy)' chooses an AWS owned key (AWSOwnedKey)")
        }
        return (Located(key, at: first.origin), first.origin, nil)
    }

    /// A collection's store: a database, always encrypted at rest, its origin and encryption's where the input
    /// declares it.
    static func store(component: String, origin: Origin, encryptionOrigin: Origin) -> DataStore {
        var store = DataStore(kind: .database, component: component, origin: origin,
                              encryption: Encryption(origin: encryptionOrigin))
        store.storageType = Located(DataStore.serverlessCollectionStorageType, at: origin)
        store.encryption.atRest = Located(.known(true), at: origin)
        return store
    }

    /// Gives a collection's store (named `name`, `nil` when not known) the key its encryption policies choose —
    /// unless `keyDecided`, as an existing collection's assigned key is — and the access its network policies say.
    func describe(_ store: inout DataStore, name: String?, at nameOrigin: Origin, keyDecided: Bool,
                  into deployment: inout Deployment) {
        if !keyDecided {
            if let chosen = key(of: name, at: nameOrigin) {
                store.encryption.origin = chosen.origin
                store.encryption.kmsKey = chosen.key
                store.encryption.keyNote = chosen.note
                if let text = chosen.key?.value.known, !KeyReference.isAWSManaged(text) {
                    deployment.capabilities.append(CapabilityRequest(.encryptionKeys, at: chosen.origin, component: store.component))
                }
            } else {
                store.encryption.kmsKey = Located(.unknown(reason: Self.noEncryptionPolicy), at: nameOrigin)
            }
        }
        if let access = publicAccess(of: name, at: nameOrigin) {
            store.publicAccess = access.0
            store.publicAccessNote = access.note
        }
    }
}
