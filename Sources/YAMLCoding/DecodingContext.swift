/// State shared by one decode: file, user info, the source for caret lines and a cache of
/// the valid keys per CodingKey type. Used from one thread only.
final class DecodingContext {
    let userInfo: [CodingUserInfoKey: any Sendable]
    private let source: [UInt8]?
    /// True when the document was empty and the root is a stand-in empty scalar.
    let emptyFile: Bool
    private var validKeys: [ObjectIdentifier: (names: [String], set: Set<String>)?] = [:]

    init(userInfo: [CodingUserInfoKey: any Sendable], source: [UInt8]?, emptyFile: Bool) {
        self.userInfo = userInfo
        self.source = source
        self.emptyFile = emptyFile
    }

    func error(_ message: String, at node: YAMLNode, path: CodingPath) -> YAMLError {
        error(message, at: node.mark, path: path)
    }

    func error(_ message: String, at mark: YAMLMark, path: CodingPath) -> YAMLError {
        YAMLError(
            mark: mark, path: PathComponent.format(path.keys), message: message,
            sourceLine: sourceLine(mark.line))
    }

    func sourceLine(_ line: Int) -> String? {
        source?.withUnsafeBufferPointer { SourceText(bytes: $0).line(line) }
    }

    /// "expected X, found Y", or the empty-file message at the root.
    func mismatch(
        expected: String, node: YAMLNode, path: CodingPath, hint: String? = nil
    ) -> YAMLError {
        if emptyFile && path.isEmpty {
            return error("file is empty; expected \(expected)", at: node, path: path)
        }
        var message = "expected \(expected), found \(node.kindDescription)"
        if let hint { message += "; " + hint }
        return error(message, at: node, path: path)
    }

    /// The key names of a CaseIterable key type, cached.
    func keyNames<Key: CodingKey>(_ type: Key.Type) -> (names: [String], set: Set<String>)? {
        let id = ObjectIdentifier(type)
        if let cached = validKeys[id] { return cached }
        guard let iterable = type as? any (CodingKey & CaseIterable).Type else {
            validKeys[id] = .some(nil)
            return nil
        }
        let names = Self.names(of: iterable)
        let entry = (names, Set(names))
        validKeys[id] = entry
        return entry
    }

    private static func names<K: CodingKey & CaseIterable>(of type: K.Type) -> [String] {
        K.allCases.map(\.stringValue)
    }
}
