/// One failed consistency check on one block.
public struct KeyCheckFailure: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 0-based block index the check ran on.
    public var index: Int
    /// Check name: `public-key-check`, `private-key-check`, `pairwise-check` or `certificate-key-match`.
    public var check: String
    /// Why it failed (OpenSSL's reason text where OpenSSL decided).
    public var reason: String

    /// Creates a failure record.
    public init(index: Int, check: String, reason: String) {
        self.index = index
        self.check = check
        self.reason = reason
    }

    /// One line: block, check and reason.
    public var description: String { "block \(index): \(check) failed: \(reason)" }
}
