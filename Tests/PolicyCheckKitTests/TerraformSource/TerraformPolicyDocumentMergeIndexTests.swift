@testable import PolicyCheckAdapters
import PolicyCheckTestSupport
import Testing

/// `aws_iam_policy_document` merges find the statement a sid replaces through an index of sids kept as statements
/// are appended (round 26); it must place every statement where searching the merged statements placed it: a sid
/// replaces the first statement of that sid, in place, and a statement without a sid, or of a new sid, is appended.
@Suite struct TerraformPolicyDocumentMergeIndexTests {
    /// A statement of `sid` ("" for none) marked `mark`, so which of several of one sid won shows.
    static func statement(_ sid: String, _ mark: String) -> TerraformValue {
        var fields = ["Effect": TerraformValue.string("Allow", at: 0), "Resource": .string(mark, at: 0)]
        if !sid.isEmpty { fields["Sid"] = .string(sid, at: 0) }
        return TerraformValue(.object(fields), at: 0)
    }

    static func document(_ statements: [TerraformValue]) -> TerraformValue {
        TerraformValue(.object(["Statement": TerraformValue(.list(statements), at: 0)]), at: 0)
    }

    /// "sid=mark" of each merged statement, in order.
    static func spelt(_ statements: [TerraformValue]) -> [String] {
        statements.map { statement in
            guard case .object(let fields) = statement.kind else { return "?" }
            return "\(fields["Sid"]?.stringValue ?? "")=\(fields["Resource"]?.stringValue ?? "?")"
        }
    }

    /// The provider's merge, by searching the statements merged so far for each sid.
    static func searched(_ documents: [[(String, String)]]) -> [String] {
        var merged: [(String, String)] = []
        for document in documents {
            for (sid, mark) in document {
                if !sid.isEmpty, let index = merged.firstIndex(where: { $0.0 == sid }) {
                    merged[index] = (sid, mark)
                } else {
                    merged.append((sid, mark))
                }
            }
        }
        return merged.map { "\($0.0)=\($0.1)" }
    }

    @Test func sidsReplaceTheStatementSearchingWouldFind() throws {
        var generator = SplitMix64(seed: 0x51D_1DE7)
        for _ in 0..<200 {
            let sids = ["", "", "A", "B", "C", "D", "E"]
            func statements(_ prefix: String, unique: Bool) -> [(String, String)] {
                var used: Set<String> = []
                return (0..<Int.random(in: 0...6, using: &generator)).compactMap { index in
                    let sid = sids.randomElement(using: &generator)!
                    // Sids are unique across the source documents (the provider refuses duplicates there).
                    if unique, !sid.isEmpty, !used.insert(sid).inserted { return nil }
                    return (sid, "\(prefix)\(index)")
                }
            }
            let sourceStatements = statements("s", unique: true)
            let half = Int.random(in: 0...sourceStatements.count, using: &generator)
            let sources = [Array(sourceStatements[..<half]), Array(sourceStatements[half...])]
            let own = statements("o", unique: false)
            let overrides = [statements("x", unique: false), statements("y", unique: false)]
            func values(_ document: [(String, String)]) -> [TerraformValue] {
                document.map { Self.statement($0.0, $0.1) }
            }
            let merged = try #require(try TerraformPolicyDocumentMerge.merge(
                sources: sources.map { Self.document(values($0)) },
                own: TerraformPolicyDocumentMerge.Merged(statements: values(own)),
                overrides: overrides.map { Self.document(values($0)) }))
            #expect(Self.spelt(merged.statements) == Self.searched(sources + [own] + overrides),
                    "\(sources) \(own) \(overrides)")
        }
    }
}
