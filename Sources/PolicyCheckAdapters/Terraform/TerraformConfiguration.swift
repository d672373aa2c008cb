import PolicyCheckSyntax

/// The plan's `configuration` block: resource expressions by module, module calls and outputs, to follow what a
/// value unknown until apply comes from.
struct TerraformConfiguration {
    /// `configuration.root_module`, or `nil` when the plan has none.
    let root: SourceNode?
    /// Each module's resources by address (the first of a repeated address wins), indexed once: every planned
    /// resource looks its configuration up, and a scan per lookup would make large plans quadratic.
    private let resourcesByModule: [[String]: [String: SourceNode]]
    /// Each module's configuration and the call that makes it, by call names from the root, indexed in the same
    /// walk: references through module variables and outputs look modules up for every resource, and a keyed
    /// lookup among a module's calls is a scan of them.
    private let modulesByPath: [[String]: (module: SourceNode, call: SourceNode?)]
    /// Each module's locals by name (only the source reader writes them), and what resolving each has given: a
    /// chain of locals used by thousands of resources is followed once, not once per resource.
    private let localsByModule: [[String]: [String: SourceNode]]
    private let localTargets = LocalTargets()

    /// `followsLocals`: the configuration was written by the source reader, which lists each module's locals with
    /// their references (`terraform show -json` has no such list: a plan's `local.*` references lead nowhere, as
    /// they always have, whatever a hand-written plan puts there).
    init(root: SourceNode?, followsLocals: Bool = false) {
        self.root = root
        var index: [[String]: [String: SourceNode]] = [:]
        var modules: [[String]: (module: SourceNode, call: SourceNode?)] = [:]
        Self.indexResources(of: root, call: nil, path: [], into: &index, modules: &modules)
        resourcesByModule = index
        modulesByPath = modules
        var locals: [[String]: [String: SourceNode]] = [:]
        for (path, entry) in modules where followsLocals {
            guard let declared = entry.module["locals"]?.entries, !declared.isEmpty else { continue }
            var byName: [String: SourceNode] = [:]
            for local in declared where byName[local.key] == nil { byName[local.key] = local.value }
            locals[path] = byName
        }
        localsByModule = locals
    }

    /// What following a local has given, by module path, name, what is sought and the depth left.
    private final class LocalTargets {
        struct Key: Hashable {
            let path: [String]
            let name: String
            let types: Set<String>
            let through: [String: String]
            let remaining: Int
        }
        var found: [Key: Target?] = [:]
    }

    private static func indexResources(of module: SourceNode?, call: SourceNode?, path: [String],
                                       into index: inout [[String]: [String: SourceNode]],
                                       modules: inout [[String]: (module: SourceNode, call: SourceNode?)]) {
        guard let module else { return }
        modules[path] = (module, call)
        if let resources = module["resources"]?.items {
            var byAddress: [String: SourceNode] = [:]
            byAddress.reserveCapacity(resources.count)
            for resource in resources {
                if let address = resource["address"]?.string, byAddress[address] == nil { byAddress[address] = resource }
            }
            index[path] = byAddress
        }
        var seen: Set<String> = []
        for call in module["module_calls"]?.entries ?? [] where seen.insert(call.key).inserted {
            indexResources(of: call.value["module"], call: call.value, path: path + [call.key], into: &index,
                           modules: &modules)
        }
    }

    /// The configuration of a module, by call names from the root.
    func module(_ path: [String]) -> SourceNode? {
        modulesByPath[path]?.module
    }

    /// The `module_calls` entry that makes the module at `path` (not the root).
    func call(_ path: [String]) -> SourceNode? {
        modulesByPath[path]?.call
    }

    /// The `expressions` of a resource in a module (`configAddress` as in `aws_s3_bucket.data`), or `nil` when the
    /// resource is not in the configuration.
    func expressions(of configAddress: String, in path: [String]) -> SourceNode?? {
        guard let resource = resourcesByModule[path]?[configAddress] else { return nil }
        return .some(resource["expressions"])
    }

    /// A resource's configuration (`address`, `provider_config_key`, `expressions`), or `nil` when absent.
    func resource(_ configAddress: String, in path: [String]) -> SourceNode? {
        resourcesByModule[path]?[configAddress]
    }

    /// A reference resolved to a resource: its module path, its address in that module and the instance key the
    /// reference names (`aws_kms_key.data` in `module.kms`, key `[0]`).
    struct Target: Equatable {
        var modulePath: [String]
        var configAddress: String
        var instanceKey: String
    }

    /// Follows references (through module outputs, module variables and the given pass-through resources) to a
    /// resource of one of `types`. `through` maps a resource type to the attribute that points further, e.g.
    /// `aws_kms_alias` → `target_key_id`.
    func resolve(_ references: [String], in path: [String], to types: Set<String>,
                 through: [String: String] = [:], depth: Int = 0) -> Target? {
        var explored = Explored.Memory()
        return resolve(references, in: path, to: types, through: through, depth: depth, explored: &explored)
    }

    /// A reference followed in a module path, for `resolve`'s memory of what led nowhere.
    private struct Explored: Hashable {
        let path: [String]
        let reference: String

        /// The references followed so far, with the depth each had left. Kept only once a search has taken
        /// `unrememberedSteps` steps: most searches take two or three, and remembering those cost more than they do.
        struct Memory {
            var steps = 0
            var left: [Explored: Int] = [:]
            /// Locals entered, with the depth each had left: a local is followed again only with more depth left,
            /// so a cycle of locals (which take no depth) ends.
            var locals: [Explored: Int] = [:]
            /// The locals being followed now (a reference back to one is a cycle), and how many.
            var openLocals: Set<Explored> = []
            /// How often a local was passed over other than from `LocalTargets` (a cycle, one met before, the
            /// nesting limit): a search in which that happened depends on where it started, so it is not kept.
            var localsPassedOver = 0
        }
        static let unrememberedSteps = 32
    }

    /// Whether `reference` in `path` is worth following with `remaining` depth: not when it was followed before
    /// with as much depth left (and led nowhere, or the search would have ended).
    private static func follows(_ reference: String, in path: [String], remaining: Int,
                                explored: inout Explored.Memory) -> Bool {
        explored.steps += 1
        guard explored.steps > Explored.unrememberedSteps,
              let left = explored.left[Explored(path: path, reference: reference)] else { return true }
        return left < remaining
    }

    /// Records that `reference` in `path` led nowhere with `remaining` depth: only once its search is over, so a
    /// reference still being searched (a cycle back to it) is followed again as before.
    private static func ledNowhere(_ reference: String, in path: [String], remaining: Int,
                                   explored: inout Explored.Memory) {
        guard explored.steps > Explored.unrememberedSteps else { return }
        let key = Explored(path: path, reference: reference)
        explored.left[key] = max(explored.left[key] ?? 0, remaining)
    }

    /// Most steps a reference is followed through.
    static let maxResolutionDepth = 16
    /// Most locals followed one inside another (they take no depth): as long as the source reader evaluates.
    static let maxLocalNesting = 1_000

    /// `resolve`, remembering how much depth each reference had left when its search ended without a target: a
    /// reference met again with no more depth left cannot lead anywhere either, so it is not followed again (a
    /// 10 KB plan whose references fan out and join again took minutes, followed once per path through them).
    private func resolve(_ references: [String], in path: [String], to types: Set<String>, through: [String: String],
                         depth: Int, explored: inout Explored.Memory) -> Target? {
        guard depth < Self.maxResolutionDepth else { return nil }
        let remaining = Self.maxResolutionDepth - depth
        for reference in references {
            let parts = Self.steps(reference)
            guard let first = parts.first else { continue }
            switch first {
            case "var":
                guard parts.count > 1, !path.isEmpty,
                      Self.follows(reference, in: path, remaining: remaining, explored: &explored) else { continue }
                let parent = Array(path.dropLast())
                let argument = call(path)?["expressions"]?[parts[1]]
                let next = argument?["references"]?.items?.compactMap(\.string) ?? []
                if let target = resolve(next, in: parent, to: types, through: through, depth: depth + 1,
                                        explored: &explored) { return target }
                Self.ledNowhere(reference, in: path, remaining: remaining, explored: &explored)
            case "module":
                guard parts.count > 2, Self.follows(reference, in: path, remaining: remaining, explored: &explored) else {
                    continue
                }
                let name = String(parts[1].prefix { $0 != "[" })
                let output = module(path + [name])?["outputs"]?[parts[2]]?["expression"]
                let next = output?["references"]?.items?.compactMap(\.string) ?? []
                if let target = resolve(next, in: path + [name], to: types, through: through, depth: depth + 1,
                                        explored: &explored) {
                    return target
                }
                Self.ledNowhere(reference, in: path, remaining: remaining, explored: &explored)
            case "local":
                // The source reader writes each module's locals with their references (a plan has none): a local
                // is followed in its own module, taking no depth, as if its references were written in its place.
                guard parts.count > 1, let declared = localsByModule[path]?[String(parts[1].prefix { $0 != "[" })] else {
                    continue
                }
                let name = String(parts[1].prefix { $0 != "[" })
                let known = LocalTargets.Key(path: path, name: name, types: types, through: through, remaining: remaining)
                if let target = localTargets.found[known] {
                    if let target { return target }
                    continue
                }
                let key = Explored(path: path, reference: name)
                guard !explored.openLocals.contains(key), (explored.locals[key] ?? -1) < remaining,
                      explored.openLocals.count < Self.maxLocalNesting else {
                    explored.localsPassedOver += 1
                    continue
                }
                explored.locals[key] = remaining
                explored.openLocals.insert(key)
                let passedOver = explored.localsPassedOver
                let next = declared["references"]?.items?.compactMap(\.string) ?? []
                let target = resolve(next, in: path, to: types, through: through, depth: depth, explored: &explored)
                explored.openLocals.remove(key)
                // Kept for every later search only when nothing was passed over on the way: a search cut short by a
                // cycle back to a local still open would otherwise give its partial answer everywhere.
                if explored.localsPassedOver == passedOver { localTargets.found[known] = .some(target) }
                if let target { return target }
            case "data", "each", "count", "path", "terraform", "self":
                continue
            default:
                guard parts.count > 1 else { continue }
                let (name, key) = TerraformAddress.splitKey(parts[1])
                let address = "\(first).\(name)"
                if types.contains(first) { return Target(modulePath: path, configAddress: address, instanceKey: key) }
                if let attribute = through[first], Self.follows(reference, in: path, remaining: remaining, explored: &explored),
                   let expressions = expressions(of: address, in: path) ?? nil {
                    let next = expressions[attribute]?["references"]?.items?.compactMap(\.string) ?? []
                    if let target = resolve(next, in: path, to: types, through: through, depth: depth + 1,
                                            explored: &explored) { return target }
                    Self.ledNowhere(reference, in: path, remaining: remaining, explored: &explored)
                }
            }
        }
        return nil
    }

    /// The dot-separated steps of a reference, keeping instance keys with their step: `aws_x.y["a.b"].arn` gives
    /// `["aws_x", "y[\"a.b\"]", "arn"]`.
    static func steps(_ reference: String) -> [String] {
        var reference = reference
        // ASCII references (all a plan writes in practice) split on their bytes: walking Characters cost about
        // 11,000 instructions a reference. Other text keeps the Character walk, whose grapheme clusters decide
        // whether a `.` stands alone.
        if let steps = reference.withUTF8({ asciiSteps($0) }) { return steps }
        var steps: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        for character in reference {
            if quoted {
                if character == "\"" { quoted = false }
            } else if character == "\"" {
                quoted = true
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            } else if character == "." && depth == 0 {
                steps.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        steps.append(current)
        return steps
    }

    /// `steps` of ASCII text, from its bytes; `nil` for any other text.
    private static func asciiSteps(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var steps: [String] = []
        steps.reserveCapacity(4)
        var start = 0
        var depth = 0
        var quoted = false
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x80 { return nil }
            if quoted {
                if byte == UInt8(ascii: "\"") { quoted = false }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: "."), depth == 0 {
                steps.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
        }
        steps.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        return steps
    }
}
