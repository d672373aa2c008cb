import PolicyCheckSyntax

/// The steps of a raw attribute path: `a.b[0].c` → key a, key b, index 0, key c.
package enum RawPath {
    package enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// `nil` when the path is malformed (empty steps, an unclosed bracket, a non-numeric index).
    package static func parse(_ path: String) -> [Step]? {
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let name = rest.prefix { $0 != "[" }
            rest = rest.dropFirst(name.count)
            if !name.isEmpty {
                steps.append(name.allSatisfy(\.isNumber) && !steps.isEmpty ? .index(Int(name)!) : .key(String(name)))
            } else if rest.isEmpty {
                return nil
            }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        return steps.isEmpty ? nil : steps
    }

    package static func steps(_ path: String) -> [Step] { parse(path) ?? [] }

    /// The node the steps lead to from `root`, or `nil` when one is missing.
    package static func node(_ root: SourceNode, _ steps: [Step]) -> SourceNode? {
        var node = root
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = node[key] else { return nil }
                node = next
            case .index(let index):
                guard let item = node.item(at: index) else { return nil }
                node = item
            }
        }
        return node
    }
}
