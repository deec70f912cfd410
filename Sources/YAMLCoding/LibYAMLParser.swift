internal import CYAML

/// Owns a libyaml parser reading from a borrowed buffer; one event at a time.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>

    /// `bytes` must stay valid (and unmoved) for the parser's lifetime.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        // libyaml needs a non-null pointer even for empty input.
        let empty: StaticString = ""
        let base = bytes.baseAddress ?? empty.utf8Start
        yaml_parser_set_input_string(parser, base, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event, or the parser's error.
    func next() -> Result<LibYAMLEvent, LibYAMLProblem> {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { return .failure(problem()) }
        defer { yaml_event_delete(&event) }
        return .success(LibYAMLEvent(event))
    }

    private func problem() -> LibYAMLProblem {
        let p = parser.pointee
        let text = p.problem.map { String(cString: $0) } ?? "unknown YAML error"
        let context = p.context.map { String(cString: $0) }
        if p.error == YAML_READER_ERROR {
            return LibYAMLProblem(
                problem: text, context: context, byteOffset: p.problem_offset,
                line: nil, column: nil, contextLine: nil)
        }
        return LibYAMLProblem(
            problem: text, context: context, byteOffset: nil,
            line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1,
            contextLine: context == nil ? nil : Int(p.context_mark.line) + 1)
    }
}

/// A libyaml error before positions are resolved (reader errors only know a byte offset).
struct LibYAMLProblem: Error {
    var problem: String
    var context: String?
    var byteOffset: Int?
    var line: Int?
    var column: Int?
    var contextLine: Int?
}

/// The parts of a libyaml event the tree builder needs, copied out of C memory.
struct LibYAMLEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(anchor: String)
        case scalar(YAMLScalar, anchor: String?)
        case sequenceStart(anchor: String?)
        case mappingStart(anchor: String?)
        case sequenceEnd, mappingEnd
    }

    var kind: Kind
    /// 1-based.
    var line: Int
    var column: Int
    /// A document start with `%TAG` directives (which change how its tags read).
    var hasTagDirectives = false

    init(_ event: yaml_event_t) {
        line = Int(event.start_mark.line) + 1
        column = Int(event.start_mark.column) + 1
        if event.type == YAML_DOCUMENT_START_EVENT {
            let directives = event.data.document_start.tag_directives
            hasTagDirectives = directives.start != directives.end
        }
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_ALIAS_EVENT:
            kind = .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
            }
            let scalar = YAMLScalar(
                value: value ?? "", style: Self.style(data.style), tag: Self.string(data.tag))
            kind = .scalar(scalar, anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart(anchor: Self.string(event.data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart(anchor: Self.string(event.data.mapping_start.anchor))
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default: kind = .streamEnd
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
