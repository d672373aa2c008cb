internal import CYaml

/// The lines of YAML nodes that an alias repeats elsewhere, from libyaml's events (no document is composed).
///
/// A value an alias repeats is placed at its anchor: `CidrIp: &open 0.0.0.0/0` on one resource and `CidrIp: *open`
/// on another, or a whole anchored list of rules, put both resources' findings on the anchored lines, where an
/// inline ignore written for the one covers the other too. Inline ignores ask which lines these are.
public enum YAMLAliasedLines {
    /// One anchored node that an alias repeats: its lines (1-based, first to last line holding its text), its
    /// anchor's name and the line of the first alias naming it.
    public struct Span: Sendable, Hashable {
        public let lines: ClosedRange<Int>
        public let anchor: String
        public let aliasLine: Int
    }

    /// The spans of every node an alias repeats, or `nil` when the text is not YAML libyaml reads (the input's own
    /// reading reports that).
    public static func spans(in utf8: [UInt8]) -> [Span]? {
        // Ill-formed UTF-8 is read as U+FFFD, as `YAMLReader` reads it (line breaks are kept).
        let text = (try? TextDecoding.UTF8Validator.validate(utf8, from: 0)) == nil ? utf8 : Array(String(decoding: utf8, as: UTF8.self).utf8)
        return text.withUnsafeBufferPointer { input -> [Span]? in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            parser.initialize(to: yaml_parser_t())
            let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
            event.initialize(to: yaml_event_t())
            yaml_parser_initialize(parser)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, input.baseAddress, input.count)
            defer {
                yaml_parser_delete(parser)
                event.deallocate()
                parser.deallocate()
            }
            var walk = Walk(lines: LineTable(text))
            while true {
                guard yaml_parser_parse(parser, event) == 1 else { return nil }
                let done = event.pointee.type == YAML_STREAM_END_EVENT
                walk.take(event.pointee)
                yaml_event_delete(event)
                if done { return walk.found }
            }
        }
    }

    /// The anchored nodes of the current document and the collections open around the current event.
    private struct Walk {
        struct Frame {
            let anchor: String?
            let firstLine: Int
            let isFlow: Bool
            var lastLine: Int
        }

        /// libyaml's places turned into the lines every other report counts (LF-broken).
        var lines: LineTable
        var anchored: [String: ClosedRange<Int>] = [:]
        var frames: [Frame] = []
        var found: [Span] = []
        /// Each anchored node reported once, at its first alias (an anchor's name may be defined again).
        var reported: Set<Reported> = []

        struct Reported: Hashable {
            let anchor: String
            let lines: ClosedRange<Int>
        }

        /// The line of a place libyaml marks; for an end, the line of the text before it (a block scalar ends after
        /// its last line break, at the start of a later line).
        private mutating func line(_ mark: yaml_mark_t, isEnd: Bool = false, after start: Int = 0) -> Int {
            var offset = lines.offset(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            if isEnd, mark.column == 0, offset > start { offset -= 1 }
            return lines.indexLine(ofOffset: offset)
        }

        mutating func take(_ event: yaml_event_t) {
            let first = line(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                anchored = [:]
            case YAML_SCALAR_EVENT:
                let startOffset = lines.offset(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                let last = max(first, line(event.end_mark, isEnd: true, after: startOffset))
                if let name = Self.text(event.data.scalar.anchor) { anchored[name] = first...last }
                extend(to: last)
            case YAML_ALIAS_EVENT:
                if let name = Self.text(event.data.alias.anchor), let lines = anchored[name] {
                    if reported.insert(Reported(anchor: name, lines: lines)).inserted {
                        found.append(Span(lines: lines, anchor: name, aliasLine: first))
                    }
                }
                extend(to: line(event.end_mark))
            case YAML_SEQUENCE_START_EVENT:
                frames.append(Frame(anchor: Self.text(event.data.sequence_start.anchor), firstLine: first,
                                    isFlow: event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE, lastLine: first))
            case YAML_MAPPING_START_EVENT:
                frames.append(Frame(anchor: Self.text(event.data.mapping_start.anchor), firstLine: first,
                                    isFlow: event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE, lastLine: first))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard var frame = frames.popLast() else { return }
                // A block collection ends where the next token starts, perhaps lines later: its last line is its
                // last member's; a flow collection's is its closing bracket's.
                if frame.isFlow { frame.lastLine = max(frame.lastLine, line(event.end_mark)) }
                if let name = frame.anchor { anchored[name] = frame.firstLine...frame.lastLine }
                extend(to: frame.lastLine)
            default:
                break
            }
        }

        private mutating func extend(to line: Int) {
            guard !frames.isEmpty else { return }
            frames[frames.count - 1].lastLine = max(frames[frames.count - 1].lastLine, line)
        }

        private static func text(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
