/// A compiled pattern run as a Thompson NFA (a Pike VM without captures): every position of the text is visited
/// once with the set of live states, so a search takes time proportional to text length × program size whatever
/// the pattern — no input can make it backtrack. Swift's `Regex` backtracks: `^(A+)+$` on 22 characters took over
/// a minute, and `[A-Z]+-[0-9]+` searched through 100 KB of capitals was quadratic.
struct PatternMachine: Sendable {
    enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case any
        /// A set, by index into `sets` (kept apart so that reading an instruction copies no array).
        case set(Int)
        case start, end
        case wordBoundary(Bool)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        case match
    }

    /// Largest program a pattern may compile to (counted repetitions are expanded).
    static let maxInstructions = 20_000

    struct TooLarge: Error {}

    private(set) var program: [Instruction] = []
    private(set) var sets: [PatternSet] = []

    init(_ node: PatternNode) throws(TooLarge) {
        try emit(node)
        program.append(.match)
    }

    private mutating func append(_ instruction: Instruction) throws(TooLarge) {
        guard program.count < Self.maxInstructions else { throw TooLarge() }
        program.append(instruction)
    }

    private mutating func emit(_ node: PatternNode) throws(TooLarge) {
        switch node {
        case .empty: break
        case .scalar(let scalar): try append(.scalar(scalar))
        case .any: try append(.any)
        case .set(let set):
            sets.append(set)
            try append(.set(sets.count - 1))
        case .start: try append(.start)
        case .end: try append(.end)
        case .wordBoundary(let flag): try append(.wordBoundary(flag))
        case .concatenation(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (position, branch) in branches.enumerated() {
                if position == branches.count - 1 {
                    try emit(branch)
                } else {
                    let split = program.count
                    try append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // Each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    try append(.split(program.count + 1, 0))
                    try emit(inner)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                try append(.split(loop + 1, 0))
                try emit(inner)
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }

    /// Whether the pattern matches anywhere in `text` (searched, not anchored).
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var current = StateSet(capacity: program.count)
        var next = StateSet(capacity: program.count)
        var stack: [Int] = []
        for position in 0...scalars.count {
            // A new attempt starts at every position (the search is unanchored).
            if add(0, at: position, scalars, to: &current, stack: &stack) { return true }
            guard position < scalars.count else { break }
            let scalar = scalars[position]
            next.clear()
            for pc in current.members {
                let advances: Bool
                switch program[pc] {
                case .scalar(let expected): advances = scalar == expected
                case .any: advances = scalar != "\n"
                case .set(let index): advances = sets[index].contains(scalar)
                default: advances = false
                }
                if advances, add(pc + 1, at: position + 1, scalars, to: &next, stack: &stack) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds a state and everything reachable from it without reading a scalar; `true` when that reaches a match.
    private func add(_ first: Int, at position: Int, _ scalars: [Unicode.Scalar], to set: inout StateSet,
                     stack: inout [Int]) -> Bool {
        stack.append(first)
        while let pc = stack.popLast() {
            guard set.insert(pc) else { continue }
            switch program[pc] {
            case .match:
                stack.removeAll(keepingCapacity: true)
                return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .start: if position == 0 { stack.append(pc + 1) }
            case .end: if position == scalars.count { stack.append(pc + 1) }
            case .wordBoundary(let wanted):
                let before = position > 0 && PatternSet.isWord(scalars[position - 1])
                let after = position < scalars.count && PatternSet.isWord(scalars[position])
                if (before != after) == wanted { stack.append(pc + 1) }
            case .scalar, .any, .set: break
            }
        }
        return false
    }
}

/// A sparse set of program counters with O(1) insert and clear, in insertion order.
struct StateSet {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        dense = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }

    /// Inserts `pc`; `false` when it was already there.
    mutating func insert(_ pc: Int) -> Bool {
        let slot = sparse[pc]
        if slot < count && dense[slot] == pc { return false }
        sparse[pc] = count
        dense[count] = pc
        count += 1
        return true
    }

    mutating func clear() { count = 0 }

    var members: ArraySlice<Int> { dense[..<count] }
}
