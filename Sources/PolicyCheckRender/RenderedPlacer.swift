import PolicyCheckPolicy

/// Moves a rendered stream's findings to the files they came from, with the stream split into lines once and each
/// source file read and indexed once: placing each finding by splitting the stream and its file again made a chart
/// rendering 3,000 objects with a finding each take a minute.
package struct RenderedPlacer {
    private let stream: RenderedStream
    private let lines: [Substring]
    private let readFile: (String) -> [UInt8]?
    private var sources: [String: SourceLines?] = [:]
    /// Where a value was found in the build's patch files (`nil`: in none), by value.
    private var valuePlaces: [Substring: (String, (line: Int, column: Int))?] = [:]

    package init(_ stream: RenderedStream, readFile: @escaping (String) -> [UInt8]?) {
        self.stream = stream
        lines = String(decoding: stream.text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        self.readFile = readFile
    }

    /// A finding in the stream moved to its source file: the line whose text matches the rendered line (the key
    /// and value as written, else the key alone) — first within the source document that declares the rendered
    /// object's name, else anywhere in the file — or the file's first line when the template spells it differently
    /// (a value set by an expression).
    ///
    /// A kustomize build also applied patches (`RenderedStream.appliedFiles`): a value its object's own file does
    /// not spell as rendered was set by one of them, and the finding goes to the patch line that spells it — as
    /// written, then by its key, then (a JSON 6902 patch's `value: ["0.0.0.0/0"]`) the first line holding the
    /// value — rather than to the base's line for the key's old value, or its first line. A reviewer of an overlay
    /// that opens a compliant base must be shown the overlay.
    package mutating func place(_ finding: Finding) -> Finding {
        guard let index = stream.partIndex(containing: finding.line), let file = stream.parts[index].file else {
            return finding
        }
        let rendered = finding.line >= 1 && finding.line - 1 < lines.count ? lines[finding.line - 1] : ""
        let name = objectName(inPart: index)
        let patches = stream.appliedFiles.filter { $0 != file }
        var placed = finding
        let (placedFile, location) = locate(rendered, near: name, in: file, patches: patches) ?? (file, (line: 1, column: 1))
        placed.file = placedFile
        placed.line = location.line
        placed.column = location.column
        placed.utf16Column = location.column
        return placed
    }

    private mutating func locate(_ rendered: Substring, near name: Substring?, in file: String,
                                 patches: [String]) -> (String, (line: Int, column: Int))? {
        if let found = lines(of: file)?.locateExact(rendered, near: name) { return (file, found) }
        for patch in patches {
            if let found = lines(of: patch)?.locateExact(rendered, near: name) { return (patch, found) }
        }
        if let found = lines(of: file)?.locateKey(rendered, near: name) { return (file, found) }
        for patch in patches {
            if let found = lines(of: patch)?.locateKey(rendered, near: name) { return (patch, found) }
        }
        // A line scan per patch file: remembered by value, so a build of thousands of objects with the same value
        // scans once.
        let value = SourceLines.value(of: rendered)
        if let known = valuePlaces[value] { return known }
        var place: (String, (line: Int, column: Int))?
        for patch in patches {
            if let found = lines(of: patch)?.locateValue(value) {
                place = (patch, found)
                break
            }
        }
        valuePlaces[value] = .some(place)
        return place
    }

    /// A source file's lines, read and indexed once.
    private mutating func lines(of file: String) -> SourceLines? {
        if let known = sources[file] { return known }
        let read = readFile(file).map(SourceLines.init)
        sources[file] = .some(read)
        return read
    }

    /// The first `name:` line of a rendered part (an object's `metadata.name` comes before any nested name in
    /// what helm and kustomize print), as normalised text.
    private func objectName(inPart index: Int) -> Substring? {
        let start = stream.parts[index].firstLine - 1
        let end = index + 1 < stream.parts.count ? stream.parts[index + 1].firstLine - 1 : lines.count
        guard start < end, end <= lines.count else { return nil }
        return lines[start..<end].lazy.map(SourceLines.normal).first { $0.hasPrefix("name:") }
    }
}

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

    init(_ bytes: [UInt8]) {
        lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var starts = [0]
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("---"), index > 0 { starts.append(index) }
            let text = Self.normal(line)
            if firstByText[text] == nil { firstByText[text] = index }
            if let key = Self.key(text), firstByKey[key] == nil { firstByKey[key] = index }
            if text.hasPrefix("name:"), documentsByName[text]?.last != starts.count - 1 {
                documentsByName[text, default: []].append(starts.count - 1)
            }
        }
        documentStarts = starts
    }

    /// Trimmed, list dash ignored, without a carriage return.
    static func normal(_ line: Substring) -> Substring {
        var text = line.drop { $0 == " " || $0 == "\t" }
        if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
        return text.hasSuffix("\r") ? text.dropLast() : text
    }

    /// The text up to and including the first colon.
    private static func key(_ text: Substring) -> Substring? {
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
    func locate(_ rendered: Substring, near name: Substring?) -> (line: Int, column: Int)? {
        locateExact(rendered, near: name) ?? locateKey(rendered, near: name)
    }

    /// The line equal to the rendered line in the first document declaring `name`, else anywhere in the file.
    func locateExact(_ rendered: Substring, near name: Substring?) -> (line: Int, column: Int)? {
        let wanted = Self.normal(rendered)
        guard !wanted.isEmpty else { return nil }
        if let document = name.flatMap({ documentsByName[$0]?.first }),
           let index = find(inDocument: document, { Self.normal($0) == wanted }) {
            return (index + 1, column(index))
        }
        return firstByText[wanted].map { ($0 + 1, column($0)) }
    }

    /// The first line holding the rendered line's key in the document declaring `name`, else in the file.
    func locateKey(_ rendered: Substring, near name: Substring?) -> (line: Int, column: Int)? {
        let wanted = Self.normal(rendered)
        guard let key = Self.key(wanted) else { return nil }
        if let document = name.flatMap({ documentsByName[$0]?.first }),
           let index = find(inDocument: document, { Self.normal($0).hasPrefix(key) }) {
            return (index + 1, column(index))
        }
        return firstByKey[key].map { ($0 + 1, column($0)) }
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

    /// The first line, outside comments, holding a value (`value(of:)`) at least three characters long: a value a
    /// JSON 6902 patch sets, written as JSON (`value: ["0.0.0.0/0"]`).
    func locateValue(_ value: Substring) -> (line: Int, column: Int)? {
        guard value.count >= 3 else { return nil }
        return lines.indices.first { index in
            let line = Self.normal(lines[index])
            return !line.hasPrefix("#") && line.contains(value)
        }.map { ($0 + 1, column($0)) }
    }

    /// The first line of one document that `matches` (a scan of that document only).
    private func find(inDocument document: Int, _ matches: (Substring) -> Bool) -> Int? {
        let start = documentStarts[document]
        let end = document + 1 < documentStarts.count ? documentStarts[document + 1] : lines.count
        return (start..<end).first { matches(lines[$0]) }
    }
}
