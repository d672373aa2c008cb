import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Moves a rendered stream's findings to the files they came from, with the stream split into lines once and each
/// source file read and indexed once: placing each finding by splitting the stream and its file again made a chart
/// rendering 3,000 objects with a finding each take a minute.
package struct RenderedPlacer {
    private let stream: RenderedStream
    private let lines: [Substring]
    private let readFile: (String) -> [UInt8]?
    private var sources: [String: SourceLines?] = [:]
    /// Where a value was found in an object's patches (`nil`: in none), by object and value.
    private var valuePlaces: [ValueKey: (String, (line: Int, column: Int))?] = [:]
    /// Each object's patches and their documents to search.
    private var patchesByObject: [RenderedObject: [(String, [Int])]] = [:]

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
    /// A kustomize build also applied patches (`RenderedStream.patches`): a value its object's own file does not
    /// spell as rendered was set by one of them, and the finding goes to the patch line that spells it — as written,
    /// then by its key, then (a JSON 6902 patch's `value: ["0.0.0.0/0"]`) the first line holding the value —
    /// rather than to the base's line for the key's old value, or its first line. Only a patch of this object is
    /// searched: a strategic merge patch's documents that declare its kind and name, or a patch whose `target`
    /// selects its kind and name. A finding is never steered into another object's patch (where a waiver of
    /// that file would then cover it).
    package mutating func place(_ finding: Finding) -> Finding {
        guard let (file, location) = place(line: finding.line) else { return finding }
        var placed = finding
        placed.file = file
        placed.line = location.line
        placed.column = location.column
        placed.utf16Column = location.column
        return placed
    }

    /// A warning about an object of the stream (a Flux `Kustomization`'s source, an Argo CD `Application`'s)
    /// placed as a finding is, in the file the object came from (tester, round 36: it named the build's folder and
    /// a line of the build's output).
    package mutating func place(_ warning: Diagnostic) -> Diagnostic {
        guard let line = warning.location?.line, let (file, location) = place(line: line) else { return warning }
        var placed = warning
        placed.file = file
        placed.location = SourceLocation(line: location.line, column: location.column)
        return placed
    }

    /// The source file and place of a line of the stream, `nil` for a line of no attributed part.
    private mutating func place(line: Int) -> (String, (line: Int, column: Int))? {
        guard let index = stream.partIndex(containing: line), let file = stream.parts[index].file else { return nil }
        let rendered = line >= 1 && line - 1 < lines.count ? lines[line - 1] : ""
        let object = RenderedObject(kind: firstLine("kind:", inPart: index), name: firstLine("name:", inPart: index))
        return locate(rendered, object: object, in: file) ?? (file, (line: 1, column: 1))
    }

    /// A rendered object's `kind:` and first `name:` lines, as normalised text.
    struct RenderedObject: Hashable {
        var kind: Substring?
        var name: Substring?

        /// The text after `kind: ` / `name: `, unquoted.
        static func value(_ line: Substring?) -> Substring? { line.map(SourceLines.value(of:)) }
    }

    private mutating func locate(_ rendered: Substring, object: RenderedObject,
                                 in file: String) -> (String, (line: Int, column: Int))? {
        if let found = lines(of: file)?.locateExact(rendered, near: object.name, kind: object.kind) { return (file, found) }
        let patches = patchDocuments(of: object, besides: file)
        for (patch, documents) in patches {
            if let found = lines(of: patch)?.locate(rendered, inDocuments: documents, byKey: false) { return (patch, found) }
        }
        if let found = lines(of: file)?.locateKey(rendered, near: object.name, kind: object.kind) { return (file, found) }
        for (patch, documents) in patches {
            if let found = lines(of: patch)?.locate(rendered, inDocuments: documents, byKey: true) { return (patch, found) }
        }
        // A line scan of the object's patches: remembered by object and value, so a build of thousands of objects
        // scans once for each.
        let value = SourceLines.value(of: rendered)
        let key = ValueKey(object: object, value: value)
        if let known = valuePlaces[key] { return known }
        var place: (String, (line: Int, column: Int))?
        for (patch, documents) in patches {
            if let found = lines(of: patch)?.locateValue(value, inDocuments: documents) {
                place = (patch, found)
                break
            }
        }
        valuePlaces[key] = .some(place)
        return place
    }

    private struct ValueKey: Hashable {
        var object: RenderedObject
        var value: Substring
    }

    /// The build's patches of an object, each with the documents to search: a strategic merge patch file's
    /// documents declaring the object's kind and name; every document of a patch whose `target` selects them.
    private mutating func patchDocuments(of object: RenderedObject, besides file: String) -> [(String, [Int])] {
        if let known = patchesByObject[object] { return known }
        var found: [(String, [Int])] = []
        let kind = RenderedObject.value(object.kind)
        let name = RenderedObject.value(object.name)
        for patch in stream.patches where patch.file != file {
            guard let source = lines(of: patch.file) else { continue }
            if let target = patch.target {
                guard target.selects(kind: kind, name: name) else { continue }
                found.append((patch.file, source.allDocuments))
            } else if let kindLine = object.kind, let nameLine = object.name {
                let documents = source.documents(declaring: kindLine, nameLine)
                if !documents.isEmpty { found.append((patch.file, documents)) }
            }
        }
        patchesByObject[object] = found
        return found
    }

    /// A source file's lines, read and indexed once.
    private mutating func lines(of file: String) -> SourceLines? {
        if let known = sources[file] { return known }
        let read = readFile(file).map(SourceLines.init)
        sources[file] = .some(read)
        return read
    }

    /// The first line of a rendered part starting with `prefix` (an object's `kind` and `metadata.name` come
    /// before any nested ones in what helm and kustomize print), as normalised text.
    private func firstLine(_ prefix: String, inPart index: Int) -> Substring? {
        let start = stream.parts[index].firstLine - 1
        let end = index + 1 < stream.parts.count ? stream.parts[index + 1].firstLine - 1 : lines.count
        guard start < end, end <= lines.count else { return nil }
        return lines[start..<end].lazy.map(SourceLines.normal).first { $0.hasPrefix(prefix) }
    }
}
