@testable import PolicyCheckAdapters
import PolicyCheckSyntax
import PolicyCheckTestSupport
import Testing

/// An Ingress of an input that defines no class sees its IngressGroup through the run's resolution, worked out once
/// (`IngressGroupResolution`, round 26), instead of merging every class of the group per Ingress; it must give what
/// that merge gave: the input's and the run's members merged class by class in name order, each class's scheme
/// applied, the first member setting each of the scheme, security groups and dual stack, and the ports covered.
@Suite struct IngressGroupResolutionTests {
    typealias Members = IngressGroupSettings.Members
    typealias Scheme = IngressClasses.MemberScheme

    /// The lookup before round 26: the input's members merged with the run's, then class by class in name order.
    static func merged(own: [String: Members], run: [String: Members], scheme: (String) -> Scheme?) -> Members? {
        var all = IngressGroupSettings(byClass: own)
        all.merge(IngressGroupSettings(byClass: run))
        var result: Members?
        for (className, members) in all.byClass.sorted(by: { $0.key < $1.key }) {
            guard let scheme = scheme(className) else { continue }
            var members = members
            switch scheme {
            case .annotations: break
            case .internetFacing: members.internetFacing = members.internetFacing ?? "the IngressClassParams of the class '\(className)'"
            case .internal: members.internetFacing = nil
            }
            if result == nil { result = members } else { result!.merge(members) }
        }
        return result
    }

    @Test func theResolvedGroupAnswersAsMergingEveryClassPerLookup() {
        var generator = SplitMix64(seed: 0x6_2E50)
        let names = ["Ingress/prod/a", "Ingress/prod/b", "Ingress/prod/c", "Ingress/dev/a"]
        let classNames = ["", "alb", "a", "b", "c", "d"]
        let choices: [Scheme?] = [nil, .annotations, .internetFacing, .internal]
        func members() -> [String: Members] {
            var byClass: [String: Members] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                var member = Members()
                let name = names.randomElement(using: &generator)!
                if Int.random(in: 0..<3, using: &generator) == 0 { member.internetFacing = name }
                if Int.random(in: 0..<6, using: &generator) == 0 { member.securityGroups = name }
                if Int.random(in: 0..<5, using: &generator) == 0 { member.dualStack = name }
                for _ in 0..<Int.random(in: 0...2, using: &generator) {
                    member.covered[[80, 443, 8443].randomElement(using: &generator)!] = [name]
                }
                byClass[classNames.randomElement(using: &generator)!, default: Members()].merge(member)
            }
            return byClass
        }
        var lookups = 0
        for _ in 0..<400 {
            var schemes: [String: Scheme?] = [:]
            for className in classNames { schemes[className] = className.isEmpty ? nil : choices.randomElement(using: &generator)! }
            let scheme: (String) -> Scheme? = { schemes[$0] ?? nil }
            let run = members()
            let resolution = IngressGroupResolution(IngressGroupSettings(byClass: run), scheme: scheme)
            for _ in 0..<3 {
                let own = members()
                let expected = Self.merged(own: own, run: run, scheme: scheme)
                let joined = resolution.joined(own: own, scheme: scheme)
                #expect((joined == nil) == (expected == nil), "\(own) \(run) \(schemes)")
                guard let joined, let expected else { continue }
                lookups += 1
                #expect(joined.internetFacing == expected.internetFacing, "\(own) \(run) \(schemes)")
                #expect(joined.securityGroups == expected.securityGroups, "\(own) \(run) \(schemes)")
                #expect(joined.dualStack == expected.dualStack, "\(own) \(run) \(schemes)")
                for port in [80, 443, 8443, 9000] {
                    for name in names {
                        let covered = expected.covered[port]?.contains { $0 != name } ?? false
                        #expect(joined.covers(port, besides: name) == covered, "\(own) \(run) \(port) \(name)")
                    }
                }
            }
        }
        // The draw reaches groups that join (not only ones no class of which does).
        #expect(lookups > 200)
    }
}

/// The same over a large group read from files: each input's lookup through the run's resolution answers as the
/// lookup that merges every class of the group under the input's own definitions (which it takes when the catalog
/// does not hold the input's definitions at its path: here, read as an input of another path).
@Suite struct IngressGroupResolutionFileTests {
    @Test func aLargeJoinedGroupResolvesAsMergingEveryClass() throws {
        let files = IngressGroupScaleTests.files(members: 300, definingClasses: true)
        func documents(_ path: String) throws -> (SourceFile, [SourceNode]) {
            let source = SourceFile(path: path, bytes: Array(files[path]!.utf8))
            return (source, try YAMLReader().read(Array(files[path]!.utf8)))
        }
        let catalog = IngressClassCatalog(try files.keys.compactMap { path in
            let (source, read) = try documents(path)
            return IngressClassCatalog.gather(documents: read, source: source)
        })
        var compared = 0
        for path in files.keys where path != "platform.yaml" {
            let (source, read) = try documents(path)
            func classes(at inputPath: String) -> IngressClasses {
                var classes = IngressClasses(objectsIn: read.filter(KubernetesAdapter.recognises),
                                             reader: KubernetesAdapter.nodeReader(for: source))
                classes.elsewhere = catalog
                classes.inputPath = inputPath
                return classes
            }
            let resolved = classes(at: path)
            let merged = classes(at: path + ".elsewhere")
            #expect(catalog.holds(resolved.schemeDefinitions, at: resolved.inputPath))
            #expect(!catalog.holds(merged.schemeDefinitions, at: merged.inputPath))
            for group in ["shop", "blog"] {
                let expected = merged.group(named: group)
                let joined = resolved.group(named: group)
                #expect((joined == nil) == (expected == nil))
                guard let joined, let expected else { continue }
                compared += 1
                #expect(joined.internetFacing == expected.internetFacing, "\(path) \(group)")
                #expect(joined.securityGroups == expected.securityGroups, "\(path) \(group)")
                #expect(joined.dualStack == expected.dualStack, "\(path) \(group)")
                for port in IngressGroupScaleTests.ports {
                    for member in 0..<300 {
                        let name = "Ingress/prod/web-\(member)"
                        #expect(joined.covers(port, besides: name) == expected.covers(port, besides: name), "\(path) \(group) \(port) \(name)")
                    }
                }
            }
        }
        #expect(compared == 40)
    }
}
