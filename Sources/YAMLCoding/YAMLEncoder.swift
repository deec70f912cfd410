/// Encodes `Encodable` values as block-style YAML: mappings in encoding order, multi-line
/// strings as literal blocks, strings quoted whenever plain text could read back as
/// something else (also for YAML 1.1 readers), nil optionals omitted.
public struct YAMLEncoder: Sendable {
    /// Made available to types as `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> String {
        let root = try NodeEncoder.box(value, path: [], userInfo: userInfo)
        let emitter = try LibYAMLEmitter()
        try emitter.emitDocument(root)
        return String(decoding: emitter.bytes, as: UTF8.self)
    }
}
