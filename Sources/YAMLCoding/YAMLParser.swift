/// Parses YAML text into `YAMLNode` trees with libyaml's event API.
public enum YAMLParser {
    /// Deepest allowed nesting of sequences and mappings.
    public static let maxDepth = 256
    /// Most nodes a document's aliases may repeat in total (guards against alias bombs).
    public static let maxExpandedNodes = 1_000_000

    /// Parses a single-document stream. Returns nil for an empty stream (no document, or
    /// only comments); a second document is an error.
    public static func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        try parseDocuments(bytes, file: file, single: true, streamKey: nil) { _ in }.first
    }

    /// Parses like `parse(_:file:)`, and hands each item of the sequence under the root
    /// mapping's `key` to `item` as soon as the item is complete: a caller can work on a long
    /// list while the rest of the file is still being read.
    ///
    /// Only a sequence written in place under `key` is streamed (not one reached through an
    /// alias or a `<<` merge). The returned tree holds that sequence empty (its items are the
    /// caller's, not kept twice) and any other list whole. Items handed out before a syntax
    /// error further down are part of no returned tree.
    public static func parse(
        _ bytes: [UInt8], file: String, streamingItemsOf key: String,
        to item: (YAMLStreamedItem) -> Void
    ) throws(YAMLError) -> YAMLStreamedParse {
        try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(YAMLError) in
                try parse(buffer: buffer, file: file, streamingItemsOf: key, to: item)
            }
        }.get()
    }

    /// Like `parse(_:file:streamingItemsOf:to:)`, from bytes the caller keeps valid (a
    /// mapped file) for the call.
    public static func parse(
        buffer: UnsafeBufferPointer<UInt8>, file: String, streamingItemsOf key: String,
        to item: (YAMLStreamedItem) -> Void
    ) throws(YAMLError) -> YAMLStreamedParse {
        var streamed = YAMLStreamedParse()
        streamed.root = try parseDocuments(
            buffer: buffer, file: file, single: true, streamKey: key, sink: item
        ) { builder in
            streamed.count = builder.streamedCount
            streamed.listEnd = builder.streamedListEnd
        }.get().first
        return streamed
    }

    /// Parses one document cut out of a bigger file whose first line is line `firstLine`
    /// there, so that positions are the file's.
    public static func parse(_ bytes: [UInt8], file: String, firstLine: Int) throws(YAMLError)
        -> YAMLNode?
    {
        try parseDocuments(bytes, file: file, single: true, streamKey: nil, firstLine: firstLine) {
            _ in
        }.first
    }

    /// Parses every document of a stream.
    public static func parseStream(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLNode] {
        try parseDocuments(bytes, file: file, single: false, streamKey: nil) { _ in }
    }

    private static func parseDocuments(
        _ bytes: [UInt8], file: String, single: Bool, streamKey: String?, firstLine: Int = 1,
        sink: (YAMLStreamedItem) -> Void, done: (TreeBuilder) -> Void = { _ in }
    ) throws(YAMLError) -> [YAMLNode] {
        try bytes.withUnsafeBufferPointer { buffer in
            parseDocuments(
                buffer: buffer, file: file, single: single, streamKey: streamKey,
                firstLine: firstLine, sink: sink, done: done)
        }.get()
    }

    private static func parseDocuments(
        buffer: UnsafeBufferPointer<UInt8>, file: String, single: Bool, streamKey: String?,
        firstLine: Int = 1, sink: (YAMLStreamedItem) -> Void,
        done: (TreeBuilder) -> Void = { _ in }
    ) -> Result<[YAMLNode], YAMLError> {
        guard let parser = LibYAMLParser(bytes: buffer) else {
            return .failure(
                YAMLError(
                    mark: YAMLMark(file: file, line: 1, column: 1),
                    message: "could not initialize the YAML parser"))
        }
        var builder = TreeBuilder(
            file: file, single: single, streamKey: streamKey, firstLine: firstLine)
        let lines = firstLine - 1
        while !builder.finished {
            switch parser.next() {
            case .failure(let problem):
                var error = SourceText(bytes: buffer).error(for: problem, file: file)
                error.mark.line += lines
                return .failure(error)
            case .success(let event):
                do throws(YAMLError) {
                    try builder.handle(event)
                    if let item = builder.streamedItem { sink(item) }
                } catch {
                    var error = error
                    error.sourceLine = SourceText(bytes: buffer).line(error.mark.line - lines)
                    return .failure(error)
                }
            }
        }
        done(builder)
        return .success(builder.documents)
    }
}

/// One item of a streamed list (see `YAMLParser.parse(_:file:streamingItemsOf:to:)`).
public struct YAMLStreamedItem: Sendable {
    /// Position in the list.
    public var index: Int
    public var node: YAMLNode
    /// No alias inside and no `%TAG` directive in the document: the item's own lines,
    /// parsed alone, give the same node.
    public var selfContained: Bool
    /// For the first item only: the root mapping's entries written above the list (nil
    /// after a merge key). Keys below the list are not in it.
    public var entriesBefore: YAMLNode? = nil
}

/// What a streaming parse returns besides the items it handed out.
public struct YAMLStreamedParse: Sendable {
    /// The document, without the streamed items; nil for an empty stream.
    public var root: YAMLNode?
    /// Items handed out.
    public var count = 0
    /// Where the streamed list ended (the start of what follows it), if one was streamed.
    public var listEnd: YAMLMark?
}
