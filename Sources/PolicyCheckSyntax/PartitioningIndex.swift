extension RandomAccessCollection {
    /// The first index whose element is not `before` the point sought, in a collection ordered so that every
    /// element `before` it comes first: a binary search (the lower bound when `before` is `< value`).
    package func partitioningIndex(where before: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if before(self[middle]) {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
