/// The settings and notes a `DataStore` may have, kept only when set.
///
/// A store has at most a few of them (a database its transit encryption, backups and log exports; a bucket its
/// transit rule, access logging and versioning), and each is 72 bytes inline: ten optional fields kept in place were
/// 600 of a store's 1,040 bytes, 25 MB of a 100,000-resource plan's model. Here a store without any costs one
/// reference, and one with three a small array of three.
struct StoreExtras: Sendable {
    /// The on/off settings a store may have.
    enum Flag: UInt8, Sendable {
        case transitEncryption, transitTLSMinimum, accessLogging, logExports, versioning, vaultLock
    }

    private enum Entry: Sendable {
        case flag(Flag, StoreSetting<Bool>)
        case retention(StoreSetting<Int>)
        case replacedAt(Origin)
        case publicAccessNote(String)
        case sseS3OnlyWriter(String)
    }

    private var entries: [Entry] = []

    subscript(flag flag: Flag) -> StoreSetting<Bool>? {
        get {
            for entry in entries {
                if case .flag(let kept, let setting) = entry, kept == flag { return setting }
            }
            return nil
        }
        set {
            put(newValue.map { .flag(flag, $0) }) {
                if case .flag(let kept, _) = $0 { return kept == flag }
                return false
            }
        }
    }

    var retention: StoreSetting<Int>? {
        get {
            for case .retention(let setting) in entries { return setting }
            return nil
        }
        set {
            put(newValue.map { .retention($0) }) {
                if case .retention = $0 { return true }
                return false
            }
        }
    }

    var replacedAt: Origin? {
        get {
            for case .replacedAt(let origin) in entries { return origin }
            return nil
        }
        set {
            put(newValue.map { .replacedAt($0) }) {
                if case .replacedAt = $0 { return true }
                return false
            }
        }
    }

    var publicAccessNote: String? {
        get {
            for case .publicAccessNote(let note) in entries { return note }
            return nil
        }
        set {
            put(newValue.map { .publicAccessNote($0) }) {
                if case .publicAccessNote = $0 { return true }
                return false
            }
        }
    }

    var sseS3OnlyWriter: String? {
        get {
            for case .sseS3OnlyWriter(let writer) in entries { return writer }
            return nil
        }
        set {
            put(newValue.map { .sseS3OnlyWriter($0) }) {
                if case .sseS3OnlyWriter = $0 { return true }
                return false
            }
        }
    }

    /// Replaces the entry `matches` finds with `entry`, adds `entry` when there is none, or removes it when `entry`
    /// is `nil`.
    private mutating func put(_ entry: Entry?, where matches: (Entry) -> Bool) {
        let index = entries.firstIndex(where: matches)
        switch (index, entry) {
        case (let index?, let entry?): entries[index] = entry
        case (let index?, nil): entries.remove(at: index)
        case (nil, let entry?):
            if entries.isEmpty { entries.reserveCapacity(3) }
            entries.append(entry)
        case (nil, nil): break
        }
    }
}
