import ArgumentParser

/// Keeps long runs of file operands away from the argument parser, which takes time quadratic in the number of
/// values of one array argument (10,000 key files cost it seconds).
///
/// Each run of more than `threshold` consecutive plain arguments (none starting with `-`) keeps its first argument
/// and has the rest replaced by one placeholder, which no real argument can equal (it holds a NUL, which argv cannot).
/// The first argument of a run may be an option's value; every later one is an operand, since every option takes
/// at most one value. After parsing, `expand` puts the runs back where their placeholders landed, in order.
enum BulkOperands {
    static let threshold = 32
    private static let marker = "\u{0}policycheck-operands-"

    /// The arguments with long runs folded, and the runs by placeholder number. The leading subcommand names
    /// (`keys inspect`) are never folded.
    static func fold(_ arguments: [String], root: any ParsableCommand.Type) -> (arguments: [String], runs: [[String]]) {
        var folded: [String] = []
        var runs: [[String]] = []
        var index = 0
        var command = root
        while index < arguments.count,
              let sub = command.configuration.subcommands.first(where: { $0._commandName == arguments[index] }) {
            folded.append(arguments[index])
            command = sub
            index += 1
        }
        while index < arguments.count {
            var end = index
            while end < arguments.count, !arguments[end].hasPrefix("-") { end += 1 }
            if end - index > threshold {
                folded.append(arguments[index])
                folded.append(marker + String(runs.count))
                runs.append(Array(arguments[(index + 1)..<end]))
                index = end
            } else {
                folded.append(arguments[index])
                index += 1
            }
        }
        return (folded, runs)
    }

    /// Operands with every placeholder replaced by its run.
    static func expand(_ operands: [String], runs: [[String]]) -> [String] {
        guard !runs.isEmpty else { return operands }
        var expanded: [String] = []
        for operand in operands {
            if operand.hasPrefix(marker), let number = Int(operand.dropFirst(marker.count)), runs.indices.contains(number) {
                expanded += runs[number]
            } else {
                expanded.append(operand)
            }
        }
        return expanded
    }
}

/// A command whose file operands may arrive folded by `BulkOperands`.
protocol BulkOperandCommand {
    mutating func expandOperands(_ runs: [[String]])
}
