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
