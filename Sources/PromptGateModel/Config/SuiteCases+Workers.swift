import Assertions
import Basics
import Dispatch
import Synchronization
import YAMLCoding

/// Decoding of streamed cases on other cores.
extension SuiteCases {
    /// Batches waiting to be decoded and batches done. Worker jobs and the thread that
    /// finishes take batches from the same queue, so nobody idles while work is left.
    final class Workers: Sendable {
        private let decoder: YAMLDecoder
        private let queued = Mutex<[(items: [Item], checker: CaseRenderChecker?)]>([])
        private let done = Mutex<[Decoded]>([])
        private let group = DispatchGroup()

        init(decoder: YAMLDecoder) {
            self.decoder = decoder
        }

        /// Queues a batch; `async` also starts a worker job for it (CPU-bound, no waiting).
        /// When too many are waiting, the caller decodes one itself first.
        func submit(_ batch: [Item], checker: CaseRenderChecker?, async: Bool) {
            let waiting = queued.withLock {
                $0.append((batch, checker))
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
            let decoded = SuiteCases.decode(batch.items, with: decoder, checker: batch.checker)
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

    private static func decode(
        _ batch: [Item], with decoder: YAMLDecoder, checker: CaseRenderChecker?
    ) -> Decoded {
        var decoded = Decoded(
            start: batch.first?.index ?? 0, entries: [], kept: [], diagnostics: [],
            assertionKinds: [])
        var render = RenderPrecheck()
        decoded.entries.reserveCapacity(batch.count)
        for item in batch {
            do {
                let testCase = try TestCase.decode(item.node, index: item.index, with: decoder)
                for spec in testCase.assert { decoded.assertionKinds.insert(spec.kind) }
                // Rendered now, while the case is decoded, not read back for it later.
                checker?.check(testCase, into: &render)
                let repeats = testCase.repeat_ ?? 0
                var entry = CaseEntry(
                    id: testCase.id, offset: 0, length: 0, listIndex: Int32(clamping: item.index),
                    line: 0, repeatCount: UInt16(clamping: repeats), prefix: 0)
                guard let location = item.location, location.length <= Int(Int32.max),
                    location.start.prefix <= Int(UInt16.max), repeats <= Int(UInt16.max)
                else {
                    entry.offset = -1 - decoded.kept.count
                    decoded.kept.append(testCase)
                    decoded.entries.append(entry)
                    continue
                }
                entry.line = Int32(clamping: location.start.line)
                entry.prefix = UInt16(location.start.prefix)
                entry.offset = location.start.offset
                entry.length = Int32(location.length)
                decoded.entries.append(entry)
            } catch {
                decoded.diagnostics.append(Diagnostic(error))
            }
        }
        if checker != nil { decoded.render = render }
        return decoded
    }
}
