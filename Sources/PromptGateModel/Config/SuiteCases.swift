import Assertions
import Basics
import Dispatch
import Foundation
import Synchronization
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

    /// Parses a suite file, handing each finished item of its `cases:` list to `stream`.
    static func parse(
        _ file: SourceFile, with decoder: YAMLDecoder
    ) throws(YAMLError) -> (parsed: YAMLStreamedParse, stream: Stream) {
        let stream = Stream(file: file, decoder: decoder)
        do {
            let parsed = try YAMLParser.parse(
                stream.bytes, file: file.path, streamingItemsOf: "cases", to: stream.add)
            return (parsed, stream)
        } catch {
            stream.abandon()
            throw error
        }
    }

    /// What was decoded: the cases, their problems, and the kinds of assertion they use.
    struct Loaded {
        var cases: SuiteCaseList
        var diagnostics: [Diagnostic]
        var assertionKinds: Set<AssertionKind>
        /// The file, in its private copy when the cases are read back from it.
        var file: SourceFile
    }

    /// Collects streamed items into batches for the workers. Used from one thread.
    final class Stream {
        let bytes: [UInt8]
        private let file: SourceFile
        private let decoder: YAMLDecoder
        private let workers: Workers
        /// Nil when cases cannot be read back alone (then all of them stay decoded).
        private let snapshot: FileSnapshot?
        private var lines = LineCursor()
        private var batch: [Item] = []
        private var pending: (item: YAMLStreamedItem, start: Start?)?

        init(file: SourceFile, decoder: YAMLDecoder) {
            self.file = file
            self.decoder = decoder
            bytes = file.bytes
            workers = Workers(decoder: decoder)
            snapshot = Self.linesAreNewlines(bytes) ? FileSnapshot(bytes: bytes) : nil
        }

        func add(_ item: YAMLStreamedItem) {
            let start = snapshot == nil ? nil : self.start(of: item.node.mark)
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
                workers.submit(batch, async: true)
                batch = []
            }
        }

        /// The cases decoded. `parsed.root`'s `cases:` list has items only when it was not
        /// streamed (it came through an alias or a merge key).
        func finish(parsed: YAMLStreamedParse) -> Loaded {
            if case .sequence(let items, _)? = parsed.root?["cases"], !items.isEmpty {
                abandon()
                for start in stride(from: 0, to: items.count, by: SuiteCases.batchSize) {
                    let end = min(start + SuiteCases.batchSize, items.count)
                    workers.submit(
                        items[start..<end].enumerated().map {
                            Item(index: start + $0.offset, node: $0.element, location: nil)
                        }, async: true)
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
                workers.submit(batch, async: false)
                batch = []
            }
            return assemble(workers.finish())
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
            entries.reserveCapacity(batches.reduce(0) { $0 + $1.entries.count })
            for batch in batches {
                for (entry, testCase) in batch.entries {
                    var entry = entry
                    if let testCase {
                        entry.offset = -1 - kept.count
                        kept.append(testCase)
                    }
                    entries.append(entry)
                }
                diagnostics += batch.diagnostics
                kinds.formUnion(batch.assertionKinds)
            }
            guard let snapshot, entries.contains(where: { $0.offset >= 0 }) else {
                return Loaded(
                    cases: SuiteCaseList(kept), diagnostics: diagnostics, assertionKinds: kinds,
                    file: file)
            }
            let index = CaseIndex(
                entries: entries, kept: kept, snapshot: snapshot, file: file.path,
                decoder: decoder)
            return Loaded(
                cases: SuiteCaseList(index: index), diagnostics: diagnostics,
                assertionKinds: kinds, file: file.keeping(in: snapshot))
        }

        /// Drops queued work and waits for batches already being decoded.
        func abandon() {
            batch = []
            pending = nil
            workers.abandon()
        }

        /// Lines are counted the same way here as by libyaml only when every line break is
        /// `\n` (or `\r\n`) in UTF-8: no lone `\r`, no U+0085/U+2028/U+2029, no UTF-16.
        private static func linesAreNewlines(_ bytes: [UInt8]) -> Bool {
            if bytes.count >= 2, bytes[0] == 0xFE || bytes[0] == 0xFF || bytes[0] == 0 {
                return false
            }
            return bytes.withUnsafeBufferPointer { buffer in
                var i = 0
                let n = buffer.count
                while i < n {
                    let byte = buffer[i]
                    if byte == 0x0D, i + 1 >= n || buffer[i + 1] != 0x0A { return false }
                    if byte == 0xC2, i + 1 < n, buffer[i + 1] == 0x85 { return false }
                    if byte == 0xE2, i + 2 < n, buffer[i + 1] == 0x80,
                        buffer[i + 2] == 0xA8 || buffer[i + 2] == 0xA9
                    {
                        return false
                    }
                    i += 1
                }
                return true
            }
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
        /// An entry per case that decoded, with the case when it stays decoded.
        var entries: [(CaseEntry, TestCase?)]
        var diagnostics: [Diagnostic]
        var assertionKinds: Set<AssertionKind>
    }

    /// Byte offsets of lines, found by walking forward: items come in file order.
    struct LineCursor {
        private var line = 1
        private var offset = 0

        mutating func offset(ofLine target: Int, in bytes: [UInt8]) -> Int? {
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

    /// Batches waiting to be decoded and batches done. Worker jobs and the thread that
    /// finishes take batches from the same queue, so nobody idles while work is left.
    final class Workers: Sendable {
        private let decoder: YAMLDecoder
        private let queued = Mutex<[[Item]]>([])
        private let done = Mutex<[Decoded]>([])
        private let group = DispatchGroup()

        init(decoder: YAMLDecoder) {
            self.decoder = decoder
        }

        /// Queues a batch; `async` also starts a worker job for it (CPU-bound, no waiting).
        /// When too many are waiting, the caller decodes one itself first.
        func submit(_ batch: [Item], async: Bool) {
            let waiting = queued.withLock {
                $0.append(batch)
                return $0.count
            }
            if async {
                DispatchQueue.global().async(group: group) { self.decodeNext() }
                if waiting > SuiteCases.maxQueued { decodeNext() }
            }
        }

        /// Decodes the oldest queued batch; false when none is left.
        @discardableResult
        private func decodeNext() -> Bool {
            guard let batch = queued.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else {
                return false
            }
            let decoded = SuiteCases.decode(batch, with: decoder)
            done.withLock { $0.append(decoded) }
            return true
        }

        /// Helps until the queue is empty, waits for the jobs still running, and returns
        /// every batch in source order.
        func finish() -> [Decoded] {
            while decodeNext() {}
            group.wait()
            return done.withLock { done in
                defer { done = [] }
                return done.sorted { $0.start < $1.start }
            }
        }

        func abandon() {
            queued.withLock { $0 = [] }
            group.wait()
            done.withLock { $0 = [] }
        }
    }

    private static func decode(_ batch: [Item], with decoder: YAMLDecoder) -> Decoded {
        var decoded = Decoded(
            start: batch.first?.index ?? 0, entries: [], diagnostics: [], assertionKinds: [])
        decoded.entries.reserveCapacity(batch.count)
        for item in batch {
            do {
                let path: [any CodingKey] = [PathKey("cases"), PathKey(item.index)]
                let testCase = try decoder.decode(TestCase.self, from: item.node, codingPath: path)
                for spec in testCase.assert { decoded.assertionKinds.insert(spec.kind) }
                var entry = CaseEntry(
                    id: testCase.id, listIndex: Int32(clamping: item.index),
                    repeatCount: Int32(clamping: testCase.repeat_ ?? 0), line: 0, prefix: 0,
                    offset: 0, length: 0)
                guard let location = item.location, location.length <= Int(Int32.max) else {
                    decoded.entries.append((entry, testCase))
                    continue
                }
                entry.line = Int32(clamping: location.start.line)
                entry.prefix = Int32(clamping: location.start.prefix)
                entry.offset = location.start.offset
                entry.length = Int32(location.length)
                decoded.entries.append((entry, nil))
            } catch {
                decoded.diagnostics.append(Diagnostic(error))
            }
        }
        return decoded
    }
}
