import Foundation

/// Decodes `Decodable` types from YAML. Every failure is a `YAMLError` naming the file,
/// line, column and key path.
public struct YAMLDecoder: Sendable {
    /// Made available to types as `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    public init() {}

    /// Parses `data` (a single YAML document) and decodes it as `T`. An empty document
    /// decodes as `nil` for optionals and is an error for anything else.
    public func decode<T: Decodable>(
        _ type: T.Type, from data: Data, file: String
    ) throws(YAMLError) -> T {
        let bytes = [UInt8](data)
        let root = try YAMLParser.parse(bytes, file: file)
        let context = DecodingContext(userInfo: userInfo, source: bytes, emptyFile: root == nil)
        let node = root ?? .scalar(YAMLScalar(value: ""), YAMLMark(file: file, line: 1, column: 1))
        return try context.decode(type, from: node, path: CodingPath([]))
    }

    /// Decodes `T` from an already parsed node that sits at `codingPath` in its document
    /// (the path only prefixes error messages).
    public func decode<T: Decodable>(
        _ type: T.Type, from node: YAMLNode, codingPath: [any CodingKey] = []
    ) throws(YAMLError) -> T {
        let context = DecodingContext(userInfo: userInfo, source: nil, emptyFile: false)
        return try context.decode(type, from: node, path: CodingPath(codingPath))
    }
}
