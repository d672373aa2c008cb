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
    package mutating func removeRepeatedFindings() {
        guard count > 1 else { return }
        var kept = 1
        var start = 0
        withUnsafeMutableBufferPointer { findings in
            for index in 1..<findings.count {
                let finding = findings[index]
                if Finding.reportOrder(findings[kept - 1], finding) {
                    start = kept
                } else if findings[start..<kept].contains(finding) {
                    continue
                }
                if kept != index { findings.swapAt(kept, index) }
                kept += 1
            }
        }
        if kept < count { removeSubrange(kept...) }
    }
}
