/// One section of the human-readable reports: built once from an `EvidenceDocument`, rendered as HTML and as
/// Markdown, so the two pages carry the same content.
public struct EvidenceSection: Sendable {
    public enum Block: Sendable {
        case paragraph(String)
        /// A highlighted remark (reproducibility, empty registers).
        case note(String)
        /// Label–value pairs.
        case facts([(String, Cell)])
        case table(Table)
        /// A sub-heading inside the section.
        case heading(String)
    }

    /// A table cell: text and how to show it.
    public struct Cell: Sendable {
        public enum Style: Sendable, Hashable {
            case plain
            /// Monospaced (ids, paths, hashes).
            case code
            /// A coloured label; the string names its tone (`pass`, `fail`, `waived`, `na`, `unknown`, a severity).
            case badge(String)
            /// A count; zero is shown dimmed.
            case number
        }

        public var text: String
        public var style: Style
        /// Secondary text under the main text (a remediation, a location).
        public var detail: String?

        public init(_ text: String, _ style: Style = .plain, detail: String? = nil) {
            self.text = text
            self.style = style
            self.detail = detail
        }
    }

    public struct Table: Sendable {
        public var headers: [String]
        public var rows: [[Cell]]
        /// What the table lists (`controls`, `findings`, …), for styling.
        public var kind: String

        public init(_ kind: String, headers: [String], rows: [[Cell]]) {
            self.kind = kind
            self.headers = headers
            self.rows = rows
        }
    }

    /// An anchor for links (`controls`, `findings`, …).
    public var id: String
    public var title: String
    public var blocks: [Block]

    public init(id: String, title: String, blocks: [Block]) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }
}
