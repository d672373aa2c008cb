import PolicyCheckKit
import PolicyCheckSyntax

/// Hostile text through the issue-14 defences: YAML comment positions and inline-ignore scanning, terminal/CI-log
/// and Markdown escaping, and custom-rule patterns (the first line is a pattern, the rest a text to search).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    for offset in YAMLComments.offsets(in: bytes) {
        precondition(offset < bytes.count && bytes[offset] == UInt8(ascii: "#"), "comment offset \(offset) is not a '#'")
    }
    let source = SourceFile(path: "fuzz.yaml", bytes: bytes)
    let (comments, errors) = InlineCommentScanner(ruleIds: ["MMC-RES-001", "MMC-ENC-001"]).scan(source)
    for comment in comments { precondition(comment.line >= 1 && !comment.reason.isEmpty, "ignore without a reason") }
    for error in errors { FuzzInput.expectOneLine(error.description) }

    let text = String(decoding: bytes, as: UTF8.self)
    let cleaned = TerminalText.clean(text)
    for scalar in cleaned.unicodeScalars {
        let value = scalar.value
        precondition(!(value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x061C || value == 0x200E
            || value == 0x200F || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)),
                     "TerminalText.clean left U+\(String(value, radix: 16))")
    }
    precondition(cleaned.unicodeScalars.first { !$0.properties.isWhitespace } != ":", "a line may start a workflow command")
    let markdown = EvidenceMarkdown.escape(text)
    precondition(!markdown.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0 == "\n" }, "raw markup in report.md")

    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    if let pattern = try? CompiledPattern(String(lines[0].prefix(64))) {
        _ = pattern.matches(lines.count > 1 ? String(lines[1]) : "")
    }
    return 0
}
