/// Turns libyaml events into nodes without recursion: an explicit stack of open collections.
struct TreeBuilder {
    private let file: String
    private let single: Bool
    private(set) var documents: [YAMLNode] = []
    private(set) var finished = false
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var anchors: [String: (node: YAMLNode, size: Int, height: Int)] = [:]
    private var expandedNodes = 0
    /// The root mapping key whose sequence's items are handed out as they complete.
    private let streamKey: String?
    /// The item completed by the last event, when it belongs to the streamed sequence.
    private(set) var streamedItem: YAMLStreamedItem?
    /// Items handed out, and where their list ended.
    private(set) var streamedCount = 0
    private(set) var streamedListEnd: YAMLMark?
    /// Added to every line: the first line of a piece cut out of a bigger file.
    private let lineOffset: Int
    private var aliasCount = 0
    private var aliasesBeforeItem = 0
    private var tagDirectives = false

    /// An open sequence or mapping.
    private struct Frame {
        var isMapping: Bool
        var mark: YAMLMark
        var anchor: String?
        /// Sequence items.
        var items: [YAMLNode] = []
        /// Mapping entries, and the key waiting for its value.
        var entries: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        /// Node count including aliased subtrees.
        var size = 1
        /// Levels of collections below and including this one (aliases can deepen a tree
        /// without deepening the parser's stack).
        var height = 1
        /// Values of `<<` keys, in order; the pending key is a merge key when set.
        var merges: [YAMLNode] = []
        var pendingMerge = false
        /// Key text → entry index, built once a mapping grows past a few keys.
        var keyIndex: [String: Int]?
    }

    init(file: String, single: Bool, streamKey: String? = nil, firstLine: Int = 1) {
        self.file = file
        self.single = single
        self.streamKey = streamKey
        lineOffset = firstLine - 1
    }

    private func mark(_ event: LibYAMLEvent) -> YAMLMark {
        YAMLMark(file: file, line: event.line + lineOffset, column: event.column)
    }

    /// Whether the open collection on top of the stack is the streamed list.
    private var inStreamedList: Bool {
        guard stack.count == 2, let streamKey, stack[0].isMapping, !stack[1].isMapping else {
            return false
        }
        return stack[0].pendingKey?.scalarValue == streamKey
    }

    mutating func handle(_ event: LibYAMLEvent) throws(YAMLError) {
        streamedItem = nil
        switch event.kind {
        case .streamStart: break
        case .streamEnd: finished = true
        case .documentStart:
            if single && !documents.isEmpty {
                throw YAMLError(
                    mark: mark(event),
                    message: "expected a single YAML document, but a second one starts here")
            }
            anchors = [:]
            expandedNodes = 0
            tagDirectives = event.hasTagDirectives
        case .documentEnd:
            documents.append(root ?? .scalar(YAMLScalar(value: ""), mark(event)))
            root = nil
        case .alias(let name):
            aliasCount += 1
            guard let target = anchors[name] else {
                throw error(
                    at: mark(event), "alias '*\(name)' refers to an undefined anchor '&\(name)'")
            }
            try count(target.size, at: mark(event))
            if stack.count + target.height > YAMLParser.maxDepth {
                throw error(at: mark(event), Self.depthMessage)
            }
            try add(target.node, size: target.size, height: target.height)
        case .scalar(let scalar, let anchor):
            let node = YAMLNode.scalar(scalar, mark(event))
            if let anchor { anchors[anchor] = (node, 1, 0) }
            try add(node, size: 1, height: 0)
        case .sequenceStart(let anchor), .mappingStart(let anchor):
            guard stack.count < YAMLParser.maxDepth else {
                throw error(at: mark(event), Self.depthMessage)
            }
            var isMapping = false
            if case .mappingStart = event.kind { isMapping = true }
            var frame = Frame(isMapping: isMapping, mark: mark(event), anchor: anchor)
            // Most collections are small; one allocation instead of growing 1, 2, 4, 8.
            if isMapping {
                frame.entries.reserveCapacity(8)
            } else {
                frame.items.reserveCapacity(8)
            }
            stack.append(frame)
            if inStreamedList { aliasesBeforeItem = aliasCount }
        case .sequenceEnd, .mappingEnd:
            if inStreamedList { streamedListEnd = mark(event) }
            guard let frame = stack.popLast() else { return }
            let node: YAMLNode
            if frame.isMapping {
                node = .mapping(try merged(frame), frame.mark)
            } else {
                node = .sequence(frame.items, frame.mark)
            }
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size, frame.height) }
            try add(node, size: frame.size, height: frame.height)
        }
    }

    /// Counts the nodes an alias repeats; a few aliases of aliases can otherwise make a
    /// small file expand to billions of nodes for whoever walks the tree.
    private static let depthMessage =
        "nesting is deeper than \(YAMLParser.maxDepth) levels; flatten the document"

    private mutating func count(_ nodes: Int, at mark: YAMLMark) throws(YAMLError) {
        expandedNodes += nodes
        if expandedNodes > YAMLParser.maxExpandedNodes {
            throw error(
                at: mark,
                "aliases expand to more than \(YAMLParser.maxExpandedNodes) nodes; "
                    + "refusing to load the document")
        }
    }

    /// Appends a finished node to the open collection (or makes it the document root).
    private mutating func add(_ node: YAMLNode, size: Int, height: Int) throws(YAMLError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            if inStreamedList {
                // Handed over, not kept: a 100,000-case list costs no tree at all.
                streamedItem = YAMLStreamedItem(
                    index: streamedCount, node: node,
                    selfContained: aliasCount == aliasesBeforeItem && !tagDirectives)
                // The first item also shows the document's keys above the list, so a reader
                // can use them (a suite's prompt) before the list ends; not when a merge key
                // could still change them.
                if streamedCount == 0, stack[0].merges.isEmpty, !stack[0].pendingMerge {
                    streamedItem?.entriesBefore = .mapping(stack[0].entries, stack[0].mark)
                }
                streamedCount += 1
                aliasesBeforeItem = aliasCount
                return
            }
            stack[top].items.append(node)
            return
        }
        if stack[top].pendingMerge {
            stack[top].pendingMerge = false
            stack[top].merges.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pendingKey = nil
            stack[top].entries.append((key, node))
            return
        }
        if case .scalar(let scalar, let keyMark) = node {
            if scalar.value == "<<", scalar.isPlainUntagged || scalar.tag == CoreSchema.mergeTag {
                stack[top].pendingMerge = true
                return
            }
            if let first = Self.firstKey(scalar.value, in: &stack[top]) {
                throw error(
                    at: keyMark,
                    "duplicate key '\(scalar.value)' (first defined on line \(first.mark.line))")
            }
        }
        stack[top].pendingKey = node
    }

    /// The earlier key with this text, if any; indexes big mappings to stay linear.
    private static func firstKey(_ key: String, in frame: inout Frame) -> YAMLNode? {
        if frame.keyIndex == nil && frame.entries.count < 16 {
            for entry in frame.entries where entry.key.scalarValue == key {
                return entry.key
            }
            return nil
        }
        if frame.keyIndex == nil {
            var index: [String: Int] = [:]
            for (position, entry) in frame.entries.enumerated() {
                if let text = entry.key.scalarValue { index[text] = position }
            }
            frame.keyIndex = index
        }
        if let position = frame.keyIndex?[key] { return frame.entries[position].key }
        frame.keyIndex?[key] = frame.entries.count
        return nil
    }

    /// The mapping's entries with `<<` merges applied: explicit keys win, then earlier merges.
    private func merged(_ frame: Frame) throws(YAMLError) -> [(key: YAMLNode, value: YAMLNode)] {
        let entries = frame.entries
        guard !frame.merges.isEmpty else { return entries }
        var seen = Set(entries.compactMap { $0.key.scalarValue })
        var mergedEntries: [(key: YAMLNode, value: YAMLNode)] = []
        for source in frame.merges {
            let mappings: [YAMLNode]
            if case .sequence(let items, _) = source {
                mappings = items
            } else {
                mappings = [source]
            }
            for mapping in mappings {
                guard case .mapping(let sourceEntries, _) = mapping else {
                    throw error(
                        at: mapping.mark,
                        "merge key '<<' expects a mapping or a sequence of mappings, found "
                            + mapping.kindDescription)
                }
                for entry in sourceEntries {
                    if let text = entry.key.scalarValue {
                        guard seen.insert(text).inserted else { continue }
                    }
                    mergedEntries.append(entry)
                }
            }
        }
        return mergedEntries + entries
    }

    /// An error with the key path of the open collections.
    private func error(at mark: YAMLMark, _ message: String) -> YAMLError {
        var path: [PathComponent] = []
        for frame in stack {
            if frame.isMapping {
                guard let key = frame.pendingKey?.scalarValue else { break }
                path.append(.key(key))
            } else {
                path.append(.index(frame.items.count))
            }
        }
        return YAMLError(mark: mark, path: PathComponent.format(path), message: message)
    }
}
