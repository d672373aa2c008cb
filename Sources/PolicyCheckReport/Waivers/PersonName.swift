import Foundation

/// People's names as compared for requester ≠ approver: two spellings are one person when they agree after removing
/// invisible format characters (General_Category Cf: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, bidi marks, …),
/// NFKC normalisation (full-width letters, ligatures, compatibility spaces), case folding, and collapsing
/// whitespace. Otherwise an invisible character makes one person look like two.
public enum PersonName {
    /// The comparable form of a name.
    public static func canonical(_ name: String) -> String {
        var visible = String.UnicodeScalarView()
        visible.append(contentsOf: name.unicodeScalars.filter { $0.properties.generalCategory != .format })
        // NFKC, fold case, NFKC again: folding can produce text that is no longer normalised (NFKC_Casefold).
        let folded = String(visible).precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether two names denote the same person.
    public static func same(_ a: String, _ b: String) -> Bool {
        canonical(a) == canonical(b)
    }

    /// Canonical forms remembered by spelling: a waiver file names the same few people thousands of times, and
    /// normalising each name again (NFKC and case folding through Foundation) was a fifth of reading 100,000 waivers.
    final class Memo {
        private var canonical: [String: String] = [:]

        func same(_ a: String, _ b: String) -> Bool { form(a) == form(b) }

        private func form(_ name: String) -> String {
            if let known = canonical[name] { return known }
            let form = PersonName.canonical(name)
            canonical[name] = form
            return form
        }
    }
}
