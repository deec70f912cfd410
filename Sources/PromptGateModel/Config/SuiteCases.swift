import Assertions
import Basics
import Dispatch
import Foundation
import Synchronization
import Templates
import YAMLCoding

/// Reads a suite's `cases:` list. Each case decodes on its own (one bad case does not hide
/// the problems of the others), so cases are decoded in batches on other cores while the
/// parser is still reading the rest of the file; results come back in source order. A case
/// that decodes is then kept only as its id and the place of its lines (see
/// ``SuiteCaseList``), so memory does not grow with the suite.
enum SuiteCases {
    /// Cases per unit of work: big enough to pay for the hand-over, small enough to share.
    static let batchSize = 256
    /// Batches waiting before the parsing thread decodes one itself: parsed trees waiting
    /// for a decoder cost memory too.
    static let maxQueued = 4

    /// A suite file to parse: copied into a snapshot a chunk at a time and parsed from a
    /// mapping of the copy, so its bytes are never all in memory; or, when no copy can be
    /// made, read into memory.
    struct Source {
        var file: SourceFile
        /// The copy, when the cases can be read back from it.
        var snapshot: FileSnapshot?
        var bytes: MappedBytes

        static func read(relativePath: String, root: String) throws(PromptGateError) -> Source {
            let absolute = (root as NSString).appendingPathComponent(relativePath)
            if let (snapshot, sha256) = FileSnapshot.copying(path: absolute),
                let mapped = snapshot.map()
            {
                return Source(
                    file: SourceFile(
                        path: relativePath, absolutePath: absolute, snapshot: snapshot,
                        sha256: sha256),
                    snapshot: snapshot.linesAreNewlines ? snapshot : nil, bytes: mapped)
            }
            let file = try SourceFile.read(relativePath: relativePath, root: root)
            return Source(file: file, snapshot: nil, bytes: MappedBytes(copying: file.bytes))
        }
    }

    /// Parses a suite file, handing each finished item of its `cases:` list to `stream`.
    static func parse(
        _ source: Source, with decoder: YAMLDecoder, precheck: Precheck? = nil
    ) throws(YAMLError) -> (parsed: YAMLStreamedParse, stream: Stream) {
        let stream = Stream(source: source, decoder: decoder, precheck: precheck)
        do {
            let parsed = try YAMLParser.parse(
                buffer: source.bytes.buffer, file: source.file.path, streamingItemsOf: "cases",
                to: stream.add)
            return (parsed, stream)
        } catch {
            stream.abandon()
            throw error
        }
    }

    /// What the render check done while decoding needs besides the cases: the prompts
    /// loaded, the project root (for var files), and which versions to check.
    struct Precheck: Sendable {
        var prompts: [String: [LoadedPrompt]]
        var root: String
        var selection: RenderSelection
    }

    /// What was decoded: the cases, their problems, and the kinds of assertion they use.
    struct Loaded {
        var cases: SuiteCaseList
        var diagnostics: [Diagnostic]
        var assertionKinds: Set<AssertionKind>
        /// The file (in its private copy unless none could be made).
        var file: SourceFile
        /// The render check of every case, when it was done while decoding them.
        var renderPrecheck: RenderPrecheck?
    }

    /// Collects streamed items into batches for the workers. Used from one thread.
    final class Stream {
        private let mapped: MappedBytes
        /// Valid while `mapped` is, which the stream holds.
        private var bytes: UnsafeBufferPointer<UInt8> { mapped.buffer }
        private let file: SourceFile
        private let decoder: YAMLDecoder
        private let workers: Workers
        /// Nil when cases cannot be read back alone (then all of them stay decoded).
        private let snapshot: FileSnapshot?
        private var lines = LineCursor()
        private var batch: [Item] = []
        private var pending: (item: YAMLStreamedItem, start: Start?)?
        private let precheck: Precheck?
        /// Made at the first item from the keys above the list; the check counts only when
        /// every batch had it (see `assemble`).
        private var checker: CaseRenderChecker?

        init(source: Source, decoder: YAMLDecoder, precheck: Precheck?) {
            file = source.file
            self.decoder = decoder
            mapped = source.bytes
            workers = Workers(decoder: decoder)
            snapshot = source.snapshot
            self.precheck = precheck
        }

        /// The checker for the prompt and default vars written above `cases:`, if they say.
        private func makeChecker(_ entries: YAMLNode?) -> CaseRenderChecker? {
            guard let precheck, let entries, let promptID = entries["prompt"]?.scalarValue
            else { return nil }
            var defaults: [String: TemplateValue] = [:]
            if let vars = entries["defaults"]?["vars"] {
                guard let decoded = try? decoder.decode([String: TemplateValue].self, from: vars)
                else { return nil }
                defaults = decoded
            }
            return CaseRenderChecker(
                promptID: promptID, defaults: defaults, file: file, root: precheck.root,
                prompts: precheck.prompts, selection: precheck.selection)
        }

        func add(_ item: YAMLStreamedItem) {
            if item.index == 0 { checker = makeChecker(item.entriesBefore) }
            let start = snapshot == nil ? nil : self.start(of: item.node.mark)
            // The parser is past the lines before this item: their pages can go.
            if let start { mapped.drop(before: start.offset - 65_536) }
            if let pending {
                var end: Int?
                if let start, let previous = pending.start, start.line > previous.line {
                    end = start.offset
                }
                enqueue(pending.item, pending.start, end: end)
            }
            pending = (item, start)
        }

        /// Where an item's lines start, if its first line is `  - ` and then the item.
        private func start(of mark: YAMLMark) -> Start? {
            guard let offset = lines.offset(ofLine: mark.line, in: bytes) else { return nil }
            let prefix = mark.column - 1
            guard offset + prefix <= bytes.count else { return nil }
            var dash = false
            for i in offset..<(offset + prefix) {
                switch bytes[i] {
                case UInt8(ascii: " "): continue
                case UInt8(ascii: "-") where !dash && i + 1 < offset + prefix:
                    dash = true
                default: return nil
                }
            }
            guard dash else { return nil }
            return Start(line: mark.line, offset: offset, prefix: prefix)
        }

        private func enqueue(_ item: YAMLStreamedItem, _ start: Start?, end: Int?) {
            var location: Location?
            if item.selfContained, let start, let end, end > start.offset {
                location = Location(start: start, length: end - start.offset)
            }
            if batch.isEmpty { batch.reserveCapacity(SuiteCases.batchSize) }
            batch.append(Item(index: item.index, node: item.node, location: location))
            if batch.count == SuiteCases.batchSize {
                workers.submit(batch, checker: checker, async: true)
                batch = []
            }
        }

        /// The cases decoded. `parsed.root`'s `cases:` list has items only when it was not
        /// streamed (it came through an alias or a merge key).
        func finish(parsed: YAMLStreamedParse, header: SuiteHeader) -> Loaded {
            if case .sequence(let items, _)? = parsed.root?["cases"], !items.isEmpty {
                abandon()
                checker = nil
                for start in stride(from: 0, to: items.count, by: SuiteCases.batchSize) {
                    let end = min(start + SuiteCases.batchSize, items.count)
                    workers.submit(
                        items[start..<end].enumerated().map {
                            Item(index: start + $0.offset, node: $0.element, location: nil)
                        }, checker: nil, async: true)
                }
            } else if let pending {
                var end: Int?
                if let listEnd = parsed.listEnd, pending.start != nil {
                    end = self.end(at: listEnd)
                }
                enqueue(pending.item, pending.start, end: end)
                self.pending = nil
            }
            if !batch.isEmpty {
                workers.submit(batch, checker: checker, async: false)
                batch = []
            }
            var loaded = assemble(workers.finish())
            // Keys below the list (or an empty list) were not seen when the check began: it
            // counts only when what it assumed is what the whole header says.
            let agrees = checker.map {
                $0.promptID == header.prompt.value && $0.defaults == header.defaults.vars
            }
            if agrees != true { loaded.renderPrecheck = nil }
            return loaded
        }

        /// The offset where the list ends: the start of its end mark's line, or the end of
        /// the file when the list runs to it.
        private func end(at mark: YAMLMark) -> Int? {
            guard let offset = lines.offset(ofLine: mark.line, in: bytes) else { return nil }
            if mark.column == 1 { return offset }
            return bytes[offset...].contains(UInt8(ascii: "\n")) ? nil : bytes.count
        }

        private func assemble(_ batches: [Decoded]) -> Loaded {
            var entries: [CaseEntry] = []
            var kept: [TestCase] = []
            var diagnostics: [Diagnostic] = []
            var kinds: Set<AssertionKind> = []
            // The check counts only when every batch was checked.
            var render = batches.allSatisfy { $0.render != nil } ? RenderPrecheck() : nil
            entries.reserveCapacity(batches.reduce(0) { $0 + $1.entries.count })
            for batch in batches {
                if let part = batch.render { render?.merge(part) }
                // A batch numbers its kept cases from 0: shift them past the ones before.
                let shift = kept.count
                for var entry in batch.entries {
                    if entry.offset < 0 { entry.offset -= shift }
                    entries.append(entry)
                }
                kept += batch.kept
                diagnostics += batch.diagnostics
                kinds.formUnion(batch.assertionKinds)
            }
            guard let snapshot, entries.contains(where: { $0.offset >= 0 }) else {
                return Loaded(
                    cases: SuiteCaseList(kept), diagnostics: diagnostics, assertionKinds: kinds,
                    file: file, renderPrecheck: render)
            }
            let index = CaseIndex(
                entries: entries, kept: kept, snapshot: snapshot, file: file.path,
                decoder: decoder)
            return Loaded(
                cases: SuiteCaseList(index: index), diagnostics: diagnostics,
                assertionKinds: kinds, file: file, renderPrecheck: render)
        }

        /// Drops queued work and waits for batches already being decoded.
        func abandon() {
            batch = []
            pending = nil
            workers.abandon()
        }
    }

    struct Start: Sendable {
        var line: Int
        var offset: Int
        var prefix: Int
    }

    struct Location: Sendable {
        var start: Start
        var length: Int
    }

    struct Item: Sendable {
        var index: Int
        var node: YAMLNode
        /// Where its lines are, when it can be read back from them alone.
        var location: Location?
    }

    struct Decoded: Sendable {
        var start: Int
        /// An entry per case that decoded; one with offset `-1 - k` stays decoded as `kept[k]`.
        var entries: [CaseEntry]
        /// The few cases that stay decoded (not an optional case per entry: that would hold a
        /// whole case's room for each).
        var kept: [TestCase]
        var diagnostics: [Diagnostic]
        var assertionKinds: Set<AssertionKind>
        /// The render check of the batch's cases, when it had a checker.
        var render: RenderPrecheck?
    }

    /// Byte offsets of lines, found by walking forward: items come in file order.
    struct LineCursor {
        private var line = 1
        private var offset = 0

        mutating func offset(ofLine target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard target >= line else { return nil }
            while line < target {
                guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else {
                    return nil
                }
                offset = newline + 1
                line += 1
            }
            return offset
        }
    }
}
