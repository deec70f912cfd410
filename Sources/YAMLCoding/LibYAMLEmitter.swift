internal import CYAML

/// Owns a libyaml emitter writing block-style YAML into a byte buffer.
final class LibYAMLEmitter {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let output = Output()

    final class Output {
        var bytes: [UInt8] = []
    }

    init() throws {
        emitter = .allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) == 1 else {
            emitter.deallocate()
            throw EncodingError.invalidValue(
                (), .init(codingPath: [], debugDescription: "could not initialize the YAML emitter")
            )
        }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_output(
            emitter,
            { context, buffer, size in
                guard let context, let buffer else { return 0 }
                let output = Unmanaged<Output>.fromOpaque(context).takeUnretainedValue()
                output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, Unmanaged.passUnretained(output).toOpaque())
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    var bytes: [UInt8] { output.bytes }

    /// Emits a whole document for `value`.
    func emitDocument(_ value: EncodedValue) throws {
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try emit(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try emit(&event)
        try emitNode(value)
        yaml_document_end_event_initialize(&event, 1)
        try emit(&event)
        yaml_stream_end_event_initialize(&event)
        try emit(&event)
        guard yaml_emitter_flush(emitter) == 1 else { throw failure() }
    }

    private func emitNode(_ value: EncodedValue) throws {
        var event = yaml_event_t()
        switch value.content {
        case .empty:
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_FLOW_MAPPING_STYLE)
            try emit(&event)
            yaml_mapping_end_event_initialize(&event)
            try emit(&event)
        case .scalar(let text, let isString):
            try emitScalar(text, style: isString ? ScalarStyle.choose(for: text) : .plain)
        case .sequence(let items):
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            try emit(&event)
            for item in items { try emitNode(item) }
            yaml_sequence_end_event_initialize(&event)
            try emit(&event)
        case .mapping(let keys, let values, _):
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
            try emit(&event)
            for (key, value) in zip(keys, values) {
                try emitScalar(key, style: ScalarStyle.choose(for: key, isKey: true))
                try emitNode(value)
            }
            yaml_mapping_end_event_initialize(&event)
            try emit(&event)
        }
    }

    private func emitScalar(_ text: String, style: ScalarStyle) throws {
        var event = yaml_event_t()
        var bytes = Array(text.utf8)
        bytes.append(0)  // libyaml wants a non-null pointer even for ""
        let count = bytes.count - 1
        let cStyle: yaml_scalar_style_t
        switch style {
        case .plain: cStyle = YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: cStyle = YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: cStyle = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: cStyle = YAML_LITERAL_SCALAR_STYLE
        }
        let ok = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_scalar_event_initialize(
                &event, nil, nil, buffer.baseAddress, Int32(count), 1, 1, cStyle)
        }
        guard ok == 1 else { throw failure() }
        try emit(&event)
    }

    private func emit(_ event: inout yaml_event_t) throws {
        // libyaml takes ownership of the event whether or not emitting succeeds.
        guard yaml_emitter_emit(emitter, &event) == 1 else { throw failure() }
    }

    private func failure() -> EncodingError {
        let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown error"
        return EncodingError.invalidValue(
            (), .init(codingPath: [], debugDescription: "YAML emitter failed: \(problem)"))
    }
}
