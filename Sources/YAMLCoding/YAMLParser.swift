/// Parses YAML text into `YAMLNode` trees with libyaml's event API.
public enum YAMLParser {
    /// Deepest allowed nesting of sequences and mappings.
    public static let maxDepth = 256
    /// Most nodes a document's aliases may repeat in total (guards against alias bombs).
    public static let maxExpandedNodes = 1_000_000

    /// Parses a single-document stream. Returns nil for an empty stream (no document, or
    /// only comments); a second document is an error.
    public static func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        try parseDocuments(bytes, file: file, single: true, streamKey: nil) { _, _ in }.first
    }

    /// Parses like `parse(_:file:)`, and hands each item of the sequence under the root
    /// mapping's `key` to `item`, with its position, as soon as the item is complete: a
    /// caller can work on a long list while the rest of the file is still being read.
    ///
    /// Only a sequence written in place under `key` is streamed (not one reached through an
    /// alias or a `<<` merge). The returned tree holds a streamed item only as an empty
    /// sequence at its position (the item is the caller's, not kept twice), and any other
    /// list whole, so a caller should use what it was handed only when the count matches the
    /// tree's. Items handed out before a syntax error further down are part of no returned
    /// tree.
    public static func parse(
        _ bytes: [UInt8], file: String, streamingItemsOf key: String,
        to item: (_ index: Int, _ node: YAMLNode) -> Void
    ) throws(YAMLError) -> YAMLNode? {
        try parseDocuments(bytes, file: file, single: true, streamKey: key, sink: item).first
    }

    /// Parses every document of a stream.
    public static func parseStream(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLNode] {
        try parseDocuments(bytes, file: file, single: false, streamKey: nil) { _, _ in }
    }

    private static func parseDocuments(
        _ bytes: [UInt8], file: String, single: Bool, streamKey: String?,
        sink: (Int, YAMLNode) -> Void
    ) throws(YAMLError) -> [YAMLNode] {
        let result: Result<[YAMLNode], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            guard let parser = LibYAMLParser(bytes: buffer) else {
                return .failure(
                    YAMLError(
                        mark: YAMLMark(file: file, line: 1, column: 1),
                        message: "could not initialize the YAML parser"))
            }
            var builder = TreeBuilder(file: file, single: single, streamKey: streamKey)
            while !builder.finished {
                switch parser.next() {
                case .failure(let problem):
                    return .failure(SourceText(bytes: buffer).error(for: problem, file: file))
                case .success(let event):
                    do throws(YAMLError) {
                        try builder.handle(event)
                        if let item = builder.streamedItem { sink(item.index, item.node) }
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
