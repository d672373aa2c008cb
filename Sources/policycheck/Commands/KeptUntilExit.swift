/// Values the process keeps until it exits rather than frees: a check's report of 100,000 findings took about 1% of
/// the run to free, one finding at a time, just before the process ended and the system took all its memory back
/// at once. Only for what a command holds when it is about to return its exit code.
enum KeptUntilExit {
    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` (and everything it refers to) alive for the rest of the process.
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
