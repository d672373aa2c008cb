/// A source file's lines, normalised (indentation and a list dash dropped) and indexed by text and by key, overall
/// and per document.
struct SourceLines {
    private let lines: [Substring]
    /// Each `---`-separated document's first line index.
    private let documentStarts: [Int]
    private var firstByText: [Substring: Int] = [:]
    private var firstByKey: [Substring: Int] = [:]
    /// Per `name:` line text, the documents holding it, in order.
    private var documentsByName: [Substring: [Int]] = [:]
    /// Per `kind:` line text, the documents holding it, in order.
    private var documentsByKind: [Substring: [Int]] = [:]
    /// Each document's first `name:` value (its object's name, as written), by document.
    private var firstNames: [Int: Substring] = [:]

    init(_ bytes: [UInt8]) {
        lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var starts = [0]
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("---"), index > 0 { starts.append(index) }
            let text = Self.normal(line)
            if firstByText[text] == nil { firstByText[text] = index }
            if let key = Self.key(text), firstByKey[key] == nil { firstByKey[key] = index }
            if text.hasPrefix("name:") {
                let name = Self.declared(text)
                if documentsByName[name]?.last != starts.count - 1 { documentsByName[name, default: []].append(starts.count - 1) }
                if firstNames[starts.count - 1] == nil { firstNames[starts.count - 1] = Self.value(of: name) }
            }
            if text.hasPrefix("kind:") {
                let kind = Self.declared(text)
                if documentsByKind[kind]?.last != starts.count - 1 { documentsByKind[kind, default: []].append(starts.count - 1) }
            }
        }
        documentStarts = starts
    }

    /// A `name:` or `kind:` line as the index keeps it: its key and unquoted value (`kind: "Service"` is
    /// `kind: Service`), so a quoted declaration is found from the rendered line, which kubectl prints plain.
    static func declared(_ line: Substring) -> Substring {
        let text = normal(line)
        guard let key = key(text) else { return text }
        return Substring(String(key) + " " + value(of: text))
    }

    /// Trimmed, list dash ignored, without a carriage return.
    static func normal(_ line: Substring) -> Substring {
        var text = line.drop { $0 == " " || $0 == "\t" }
        if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
        return text.hasSuffix("\r") ? text.dropLast() : text
    }

    /// The text up to and including the first colon.
    static func key(_ text: Substring) -> Substring? {
        text.firstIndex(of: ":").map { text[...$0] }
    }

    private func column(_ index: Int) -> Int {
        let line = lines[index]
        return line.count - line.drop { $0 == " " || $0 == "\t" || $0 == "-" }.count + 1
    }

    /// The line for a rendered line: the line equal to it in the first document declaring `name`, else the first
    /// line of the file equal to it, else the first holding its key in that document, else in the file. An exact
    /// line anywhere wins over a key in the named document: a template can hold a block helm never renders that
    /// declares the same name, and a finding must not be steered onto a harmless line there.
    func locate(_ rendered: Substring, near name: Substring?, kind: Substring? = nil) -> (line: Int, column: Int)? {
        locateExact(rendered, near: name, kind: kind) ?? locateKey(rendered, near: name, kind: kind)
    }

    /// The document of the rendered object: the first declaring its `kind` and `name` lines, else the first declaring
    /// its name. A Deployment and a Service called `web` in one file are two documents: a Service's `ports:` was
    /// placed on the Deployment's (tester round 32).
    private func document(declaring name: Substring?, kind: Substring?) -> Int? {
        guard let name else { return nil }
        if let kind, let both = documents(declaring: kind, name).first { return both }
        let declaredName = Self.declared(name)
        if let kind {
            // A build that renamed the object (`namePrefix: prod-`, `nameSuffix`): the document of its kind whose name
            // the rendered one holds, else the only document of its kind.
            let ofKind = documentsByKind[Self.declared(kind)] ?? []
            let renamed = Self.value(of: declaredName)
            if let holding = ofKind.first(where: { firstNames[$0].map { !$0.isEmpty && renamed.contains($0) } ?? false }) {
                return holding
            }
            if ofKind.count == 1 { return ofKind[0] }
        }
        return documentsByName[declaredName]?.first
    }

    /// The line equal to the rendered line in the rendered object's document (`document(declaring:kind:)`), else
    /// anywhere in the file.
    func locateExact(_ rendered: Substring, near name: Substring?, kind: Substring? = nil) -> (line: Int, column: Int)? {
        let wanted = Self.normal(rendered)
        guard !wanted.isEmpty else { return nil }
        if let document = document(declaring: name, kind: kind),
           let index = find(inDocument: document, { Self.normal($0) == wanted }) {
            return (index + 1, column(index))
        }
        return firstByText[wanted].map { ($0 + 1, column($0)) }
    }

    /// The first line holding the rendered line's key in the rendered object's document, else in the file.
    func locateKey(_ rendered: Substring, near name: Substring?, kind: Substring? = nil) -> (line: Int, column: Int)? {
        let wanted = Self.normal(rendered)
        guard let key = Self.key(wanted) else { return nil }
        if let document = document(declaring: name, kind: kind),
           let index = find(inDocument: document, { Self.normal($0).hasPrefix(key) }) {
            return (index + 1, column(index))
        }
        return firstByKey[key].map { ($0 + 1, column($0)) }
    }

    /// The documents that declare both lines (`kind: Service`, `name: web`): a strategic merge patch's documents
    /// for one object.
    func documents(declaring kind: Substring, _ name: Substring) -> [Int] {
        let named = Set(documentsByName[Self.declared(name)] ?? [])
        return (documentsByKind[Self.declared(kind)] ?? []).filter(named.contains)
    }

    /// Every document.
    var allDocuments: [Int] { Array(documentStarts.indices) }

    /// The first line of `documents` equal to the rendered line, else holding its key.
    func locate(_ rendered: Substring, inDocuments documents: [Int], byKey: Bool) -> (line: Int, column: Int)? {
        let wanted = Self.normal(rendered)
        guard !wanted.isEmpty else { return nil }
        let matches: (Substring) -> Bool
        if byKey {
            guard let key = Self.key(wanted) else { return nil }
            matches = { Self.normal($0).hasPrefix(key) }
        } else {
            matches = { Self.normal($0) == wanted }
        }
        for document in documents {
            if let index = find(inDocument: document, matches) { return (index + 1, column(index)) }
        }
        return nil
    }

    /// A rendered line's value: the text after `key: `, or the whole line for a list item, unquoted.
    static func value(of rendered: Substring) -> Substring {
        let wanted = normal(rendered)
        var value = key(wanted).map { wanted[$0.endIndex...].drop { $0 == " " } } ?? wanted
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            value = value.dropFirst().dropLast()
        }
        return value
    }

    /// The first line of `documents`, outside comments, holding a value (`value(of:)`) at least three characters
    /// long: a value a JSON 6902 patch sets, written as JSON (`value: ["0.0.0.0/0"]`).
    func locateValue(_ value: Substring, inDocuments documents: [Int]) -> (line: Int, column: Int)? {
        guard value.count >= 3 else { return nil }
        for document in documents {
            let found = find(inDocument: document) { line in
                let text = Self.normal(line)
                return !text.hasPrefix("#") && text.contains(value)
            }
            if let found { return (found + 1, column(found)) }
        }
        return nil
    }

    /// The first line of one document that `matches` (a scan of that document only).
    private func find(inDocument document: Int, _ matches: (Substring) -> Bool) -> Int? {
        let start = documentStarts[document]
        let end = document + 1 < documentStarts.count ? documentStarts[document + 1] : lines.count
        return (start..<end).first { matches(lines[$0]) }
    }
}
