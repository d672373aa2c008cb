/// A value bound to a statement parameter, or read from a result column. Every value reaches the database as a
/// bound parameter: SQL text is constant and never contains data.
public enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case null

    public init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }

    public var string: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var int64: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var int: Int { Int(int64 ?? 0) }
}

/// Constant SQL text with `?` placeholders, and the values bound to them in order.
public struct SQLStatement: Sendable, Hashable {
    public var sql: String
    public var values: [SQLValue]

    public init(_ sql: String, _ values: [SQLValue] = []) {
        self.sql = sql
        self.values = values
    }

    /// The text with PostgreSQL's numbered placeholders (`$1`, `$2`, …) in place of `?`.
    var numberedSQL: String {
        var result = ""
        var index = 0
        for character in sql {
            if character == "?" {
                index += 1
                result += "$\(index)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `(?, ?, …)` groups for a multi-row insert; placeholders only, never values.
    static func placeholders(columns: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Multi-row inserts of `rows` into `table`, in chunks that stay under every engine's parameter limit. With
    /// `skippingConflictsOn`, a row whose key (those columns) is already stored is left as it is.
    static func inserts(into table: String, columns: [String], rows: [[SQLValue]],
                        skippingConflictsOn key: [String]? = nil) -> [SQLStatement] {
        let perStatement = max(1, 900 / columns.count)
        let onConflict = key.map { " ON CONFLICT (\($0.joined(separator: ", "))) DO NOTHING" } ?? ""
        var statements: [SQLStatement] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + placeholders(columns: columns.count, rows: chunk.count) + onConflict
            statements.append(SQLStatement(sql, chunk.flatMap { $0 }))
            start += perStatement
        }
        return statements
    }
}
