import PolicyCheckKit
import PolicyCheckSyntax

/// What every fuzz target shares: turning libFuzzer's buffer into bytes, reading them the way `InputReader` does,
/// and the properties that must hold for any input (a violated one traps, so libFuzzer records the input).
enum FuzzInput {
    /// The input as an array (libFuzzer's buffer is only valid during the call).
    static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Bytes → UTF-8 text → JSON or YAML documents, exactly as `InputReader` dispatches (`SourceSyntax`: a JSON
    /// stream when the text starts with `{` or `[`). `nil` when the input is rejected, after checking the rejection
    /// is well formed.
    static func documents(_ raw: [UInt8]) -> (SourceFile, [SourceNode])? {
        let text: [UInt8]
        do {
            text = try TextDecoding.utf8Text(from: raw)
        } catch {
            expectLocated(error.offset, error.message, in: raw.count)
            return nil
        }
        do {
            let documents = SourceSyntax(detecting: text) == .json
                ? try JSONReader().readStream(text) : try YAMLReader().read(text)
            documents.forEach { expectInside($0, count: text.count) }
            return (SourceFile(path: "fuzz", bytes: text), documents)
        } catch {
            expectLocated(error.offset, error.message, in: text.count)
            return nil
        }
    }

    /// Reads the documents with one adapter, as `--input-format` does (whether or not it recognises them), and
    /// evaluates what it produced with the default policy pack: the path `policycheck check` takes for a file,
    /// without touching the file system (referenced BYOK files are not resolved).
    static func adapt(_ format: InputFormat, _ data: UnsafePointer<UInt8>, _ size: Int) {
        guard let (source, documents) = documents(bytes(data, size)),
              let adapter = AdapterRegistry.adapter(for: format) else { return }
        _ = documents.map(adapter.recognises)
        switch adapter.read(documents, source, AdapterOptions()) {
        case .success(let deployments):
            for deployment in deployments {
                let evaluation = evaluator.evaluate(deployment, context: context)
                for finding in evaluation.findings { expectOneLine(finding.message) }
            }
        case .failure(let problems):
            for problem in problems.items { expectOneLine(problem.description) }
        }
    }

    // MARK: - Properties

    /// A rejection points inside the text and says why in one line.
    static func expectLocated(_ offset: Int, _ message: String, in count: Int) {
        precondition((0...count).contains(offset), "error offset \(offset) outside 0...\(count)")
        expectOneLine(message)
    }

    /// Every message is one line (house rule: one-line errors naming file:line:col).
    static func expectOneLine(_ message: String) {
        precondition(!message.isEmpty && !message.contains("\n"), "message is empty or spans lines")
    }

    /// Every node and key of a tree starts inside the text.
    static func expectInside(_ node: SourceNode, count: Int) {
        precondition((0...count).contains(node.offset), "node offset \(node.offset) outside 0...\(count)")
        switch node.value {
        case .sequence(let items): items.forEach { expectInside($0, count: count) }
        case .mapping(let entries):
            for entry in entries {
                precondition((0...count).contains(entry.keyOffset), "key offset \(entry.keyOffset) outside 0...\(count)")
                expectInside(entry.value, count: count)
            }
        default: break
        }
    }

    /// Two readings of one document agree: values, offsets, key offsets and tags.
    static func expectSame(_ left: SourceNode, _ right: SourceNode) {
        precondition(left.offset == right.offset && left.tag == right.tag && left.kindDescription == right.kindDescription,
                     "nodes differ at \(left.offset)")
        precondition(left.string == right.string && left.numberLiteral == right.numberLiteral && left.bool == right.bool,
                     "scalars differ at \(left.offset)")
        let (leftEntries, rightEntries) = (left.entries ?? [], right.entries ?? [])
        precondition(leftEntries.map(\.key) == rightEntries.map(\.key) && leftEntries.map(\.keyOffset) == rightEntries.map(\.keyOffset),
                     "entries differ at \(left.offset)")
        for (entry, other) in zip(leftEntries, rightEntries) { expectSame(entry.value, other.value) }
        let (leftItems, rightItems) = (left.items ?? [], right.items ?? [])
        precondition(leftItems.count == rightItems.count, "items differ at \(left.offset)")
        for (item, other) in zip(leftItems, rightItems) { expectSame(item, other) }
    }

    /// The strings `forEachString` finds below two readings of one document, with their paths, agree.
    static func expectSameStrings(_ left: SourceNode, _ right: SourceNode) {
        var strings: [String] = []
        left.forEachString { text, steps in strings.append("\(text) \(steps())") }
        var index = 0
        right.forEachString { text, steps in
            precondition(index < strings.count && strings[index] == "\(text) \(steps())", "strings differ at \(left.offset)")
            index += 1
        }
        precondition(index == strings.count, "strings differ at \(left.offset)")
    }

    // MARK: - Shared state (built once per process)

    static let evaluator: Evaluator = {
        do {
            return Evaluator(policy: CompiledPolicy(packs: [try PolicyLoader().loadDefault()]))
        } catch {
            fatalError("the embedded default pack does not load: \(error)")
        }
    }()

    /// A fixed instant, so a crash reproduces whatever day it is rerun.
    static let context = CheckContext(now: Timestamp(secondsSinceEpoch: 1_767_225_600))
}
