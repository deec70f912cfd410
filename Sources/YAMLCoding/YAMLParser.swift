/// Parses YAML text into `YAMLNode` trees with libyaml's event API.
public enum YAMLParser {
    /// Deepest allowed nesting of sequences and mappings.
    public static let maxDepth = 256
    /// Most nodes a document's aliases may repeat in total (guards against alias bombs).
    public static let maxExpandedNodes = 1_000_000

    /// Parses a single-document stream. Returns nil for an empty stream (no document, or
    /// only comments); a second document is an error.
    public static func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        try parseDocuments(bytes, file: file, single: true).first
    }

    /// Parses every document of a stream.
    public static func parseStream(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLNode] {
        try parseDocuments(bytes, file: file, single: false)
    }

    private static func parseDocuments(
        _ bytes: [UInt8], file: String, single: Bool
    ) throws(YAMLError) -> [YAMLNode] {
        let result: Result<[YAMLNode], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            guard let parser = LibYAMLParser(bytes: buffer) else {
                return .failure(
                    YAMLError(
                        mark: YAMLMark(file: file, line: 1, column: 1),
                        message: "could not initialize the YAML parser"))
            }
            var builder = TreeBuilder(file: file, single: single)
            while !builder.finished {
                switch parser.next() {
                case .failure(let problem):
                    return .failure(SourceText(bytes: buffer).error(for: problem, file: file))
                case .success(let event):
                    do throws(YAMLError) {
                        try builder.handle(event)
                    } catch {
                        var error = error
                        error.sourceLine = SourceText(bytes: buffer).line(error.mark.line)
                        return .failure(error)
                    }
                }
            }
            return .success(builder.documents)
        }
        return try result.get()
    }
}
