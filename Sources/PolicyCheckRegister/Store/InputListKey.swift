import KeyMaterial

/// The key a run's input list is stored under (`input_lists.list_sha256`, `runs.input_list`): lowercase hex SHA-256
/// of `file NUL status NUL file NUL status …` in the bundle's order. Stored text holds no U+0000 (`StoredText`), so
/// distinct lists never share their input; the runs of a tree that did not change share one stored list, and a
/// push or an audit costs the inputs of each distinct list once, not once per run.
enum InputListKey {
    static func of(_ inputs: [RunRecord.Input]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(inputs.reduce(0) { $0 + $1.file.utf8.count + $1.status.utf8.count + 2 })
        for input in inputs {
            bytes.append(contentsOf: input.file.utf8)
            bytes.append(0)
            bytes.append(contentsOf: input.status.utf8)
            bytes.append(0)
        }
        return Digest.sha256(bytes)
    }
}
