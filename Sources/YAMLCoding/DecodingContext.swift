import Synchronization

/// State shared by one decode: file, user info and the source for caret lines. Used from
/// one thread only.
final class DecodingContext {
    let userInfo: [CodingUserInfoKey: any Sendable]
    private let source: [UInt8]?
    /// True when the document was empty and the root is a stand-in empty scalar.
    let emptyFile: Bool
    /// The valid keys per CodingKey type, for the whole process: a suite decodes each case
    /// with its own context, so a per-context cache would recompute them for every case.
    private static let validKeys = Mutex<[ObjectIdentifier: KeyNames?]>([:])

    /// The key names of a CaseIterable key type, in declaration order and as a set.
    typealias KeyNames = (names: [String], set: Set<String>)

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
    func keyNames<Key: CodingKey>(_ type: Key.Type) -> KeyNames? {
        let id = ObjectIdentifier(type)
        if let cached = Self.validKeys.withLock({ $0[id] }) { return cached }
        var entry: KeyNames?
        if let iterable = type as? any (CodingKey & CaseIterable).Type {
            let names = Self.names(of: iterable)
            entry = (names, Set(names))
        }
        Self.validKeys.withLock { $0[id] = .some(entry) }
        return entry
    }

    private static func names<K: CodingKey & CaseIterable>(of type: K.Type) -> [String] {
        K.allCases.map { $0.stringValue }
    }
}
