import Basics
import Dispatch
import Foundation
import Synchronization
import YAMLCoding

/// Reads a suite's `cases:` list. Each case decodes on its own (one bad case does not hide
/// the problems of the others), so cases are decoded in batches on other cores while the
/// parser is still reading the rest of the file; results come back in source order.
enum SuiteCases {
    /// Cases per unit of work: big enough to pay for the hand-over, small enough to share.
    static let batchSize = 256

    /// Parses a suite file, handing each finished item of its `cases:` list to `stream`.
    static func parse(
        _ file: SourceFile, with decoder: YAMLDecoder
    ) throws(YAMLError) -> (root: YAMLNode?, stream: Stream) {
        let stream = Stream(decoder: decoder)
        do {
            let root = try YAMLParser.parse(
                file.bytes, file: file.path, streamingItemsOf: "cases", to: stream.add)
            return (root, stream)
        } catch {
            stream.abandon()
            throw error
        }
    }

    /// Collects streamed items into batches for the workers. Used from one thread.
    final class Stream {
        private let workers: Workers
        private var batch: [YAMLNode] = []
        private var batchStart = 0
        private var count = 0

        init(decoder: YAMLDecoder) {
            workers = Workers(decoder: decoder)
        }

        func add(_ index: Int, _ node: YAMLNode) {
            if batch.isEmpty {
                batchStart = index
                batch.reserveCapacity(SuiteCases.batchSize)
            }
            batch.append(node)
            count += 1
            if batch.count == SuiteCases.batchSize {
                workers.submit(Batch(start: batchStart, items: batch), async: true)
                batch = []
            }
        }

        /// The cases decoded from `items`, the parsed `cases:` list: what was streamed when
        /// it is that list (it is unless the list came through an alias or a merge key).
        func finish(items: [YAMLNode]) -> (cases: [TestCase], diagnostics: [Diagnostic]) {
            if items.count != count {
                abandon()
                for start in stride(from: 0, to: items.count, by: SuiteCases.batchSize) {
                    let end = min(start + SuiteCases.batchSize, items.count)
                    workers.submit(
                        Batch(start: start, items: Array(items[start..<end])), async: true)
                }
            } else if !batch.isEmpty {
                workers.submit(Batch(start: batchStart, items: batch), async: false)
                batch = []
            }
            return workers.finish()
        }

        /// Drops queued work and waits for batches already being decoded.
        func abandon() {
            batch = []
            workers.abandon()
        }
    }

    struct Batch: Sendable {
        var start: Int
        var items: [YAMLNode]
    }

    struct Decoded: Sendable {
        var start: Int
        var cases: [TestCase]
        var diagnostics: [Diagnostic]
    }

    /// Batches waiting to be decoded and batches done. Worker jobs and the thread that
    /// finishes take batches from the same queue, so nobody idles while work is left.
    final class Workers: Sendable {
        private let decoder: YAMLDecoder
        private let queued = Mutex<[Batch]>([])
        private let done = Mutex<[Decoded]>([])
        private let group = DispatchGroup()

        init(decoder: YAMLDecoder) {
            self.decoder = decoder
        }

        /// Queues a batch; `async` also starts a worker job for it (CPU-bound, no waiting).
        func submit(_ batch: Batch, async: Bool) {
            queued.withLock { $0.append(batch) }
            if async {
                DispatchQueue.global().async(group: group) { self.decodeNext() }
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
        /// every batch's cases and diagnostics in source order.
        func finish() -> (cases: [TestCase], diagnostics: [Diagnostic]) {
            while decodeNext() {}
            group.wait()
            let batches = done.withLock { done in
                defer { done = [] }
                return done.sorted { $0.start < $1.start }
            }
            var cases: [TestCase] = []
            var diagnostics: [Diagnostic] = []
            cases.reserveCapacity(batches.reduce(0) { $0 + $1.cases.count })
            for batch in batches {
                cases += batch.cases
                diagnostics += batch.diagnostics
            }
            return (cases, diagnostics)
        }

        func abandon() {
            queued.withLock { $0 = [] }
            group.wait()
            done.withLock { $0 = [] }
        }
    }

    private static func decode(_ batch: Batch, with decoder: YAMLDecoder) -> Decoded {
        var decoded = Decoded(start: batch.start, cases: [], diagnostics: [])
        decoded.cases.reserveCapacity(batch.items.count)
        for (offset, item) in batch.items.enumerated() {
            do {
                let path: [any CodingKey] = [PathKey("cases"), PathKey(batch.start + offset)]
                decoded.cases.append(
                    try decoder.decode(TestCase.self, from: item, codingPath: path))
            } catch {
                decoded.diagnostics.append(Diagnostic(error))
            }
        }
        return decoded
    }
}
