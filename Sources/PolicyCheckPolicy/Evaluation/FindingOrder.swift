extension Array where Element == Finding {
    /// Puts the findings in report order (`Finding.reportOrder`) by sorting their positions and then moving each
    /// finding once: sorting the values themselves moves whole findings (fifteen fields, a dozen references) at every
    /// swap of the sort. Findings that compare equal keep their order, as a stable sort leaves them.
    package mutating func sortForReport() {
        guard count > 1 else { return }
        // Most lists are in order already (a deployment's findings, files walked in path order): check first.
        var sorted = true
        withUnsafeBufferPointer { findings in
            for index in 1..<findings.count where Finding.reportOrder(findings[index], findings[index - 1]) {
                sorted = false
                break
            }
        }
        if sorted { return }
        var order = Array<Int>(indices)
        withUnsafeBufferPointer { findings in
            order.sort { left, right in
                if Finding.reportOrder(findings[left], findings[right]) { return true }
                if Finding.reportOrder(findings[right], findings[left]) { return false }
                return left < right
            }
        }
        var moved: [Finding] = []
        moved.reserveCapacity(count)
        for index in order { moved.append(self[index]) }
        self = moved
    }
}

extension Array where Element == Finding {
    /// Drops a finding equal in every field to one before it, in findings in report order (where equal ones are
    /// together): a resource judged under several readings of one input (an Ingress under each definition of its
    /// class the run holds) finds what the readings agree on once each, as one reading would.
    ///
    /// Findings at one place under one rule and message that differ only in their path (the items of a Terraform
    /// `dynamic` block all placed at the block) are a run of any length: past `scannedRun` the run's findings are
    /// looked up in a set, where comparing each with every one kept before it made 10,000 items take 32 s (hunter,
    /// round 37).
    package mutating func removeRepeatedFindings() {
        guard count > 1 else { return }
        var kept = 1
        var start = 0
        var seen: Set<Finding> = []
        withUnsafeMutableBufferPointer { findings in
            for index in 1..<findings.count {
                let finding = findings[index]
                if Finding.reportOrder(findings[kept - 1], finding) {
                    start = kept
                    seen.removeAll(keepingCapacity: true)
                } else if kept - start < Self.scannedRun {
                    if findings[start..<kept].contains(finding) { continue }
                } else {
                    if seen.isEmpty { seen = Set(findings[start..<kept]) }
                    if !seen.insert(finding).inserted { continue }
                }
                if kept != index { findings.swapAt(kept, index) }
                kept += 1
            }
        }
        if kept < count { removeSubrange(kept...) }
    }

    /// The longest run of findings equal in report order compared one by one.
    private static let scannedRun = 8
}
