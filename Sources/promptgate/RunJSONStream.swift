import Basics
import Foundation
import PromptGateModel
import Reports
import Store

/// `run --format json` written while the run goes, so the report is done when the last
/// response is: each result is written when the store holds it and every result before it
/// in plan order has been written (those that come early wait, a bounded number of them).
/// What could not be written that way (a result stored only at the end, one that waited
/// past the bound, a case the run never got to) is read from the store by ``finish``, which
/// then writes the rest of the report. The bytes are those of the report written from the
/// store after the run.
final class RunJSONStream: @unchecked Sendable {
    private let lock = NSLock()
    private let output: ReportOutput
    /// The plan indices the run covers, ascending: the order of the report's cases.
    private let order: [Int]
    private var next = 0
    private var waiting: [Int: CaseResult] = [:]
    private var waitingBytes = 0
    /// Once a result waited past the bound (or a write failed), writing stops here and
    /// ``finish`` reads on from the store.
    private var stopped = false
    private var written: Int?
    private var failure: PromptGateError?

    /// How many results, and how many bytes of their outputs, may wait for an earlier one.
    static let waitingLimit = 2_048
    static let waitingBytesLimit = 8 << 20

    init(output: ReportOutput, order: [Int]) throws(PromptGateError) {
        self.output = output
        self.order = order
        try output.write(RunJSONReport.head)
    }

    /// A result the store now holds.
    func stored(_ result: CaseResult) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        guard next < order.count, result.ordinal == order[next] else {
            waiting[result.ordinal] = result
            waitingBytes += result.output?.utf8.count ?? 0
            if waiting.count > Self.waitingLimit || waitingBytes > Self.waitingBytesLimit {
                stop()
            }
            return
        }
        write(result)
        while next < order.count, let r = waiting.removeValue(forKey: order[next]) {
            waitingBytes -= r.output?.utf8.count ?? 0
            write(r)
        }
    }

    private func write(_ result: CaseResult) {
        do {
            try RunJSONReport.writeItem(result, first: written == nil) { try output.write($0) }
            written = result.ordinal
            next += 1
        } catch {
            failure = (error as? PromptGateError) ?? .infrastructure("\(error)")
            stop()
        }
    }

    private func stop() {
        stopped = true
        waiting = [:]
        waitingBytes = 0
    }

    /// The results not yet written, from the store, and the rest of the report.
    func finish(
        _ writer: RunJSONReport, metrics: [NamedMetric], store: RunStore
    ) async throws {
        let (failure, written) = lock.withLock {
            stop()
            return (self.failure, self.written)
        }
        if let failure { throw failure }
        var first = written == nil
        try await store.forEachResult(runID: writer.info.id, after: written.map(ResultCursor.past))
        {
            result in
            try RunJSONReport.writeItem(result, first: first) { try output.write($0) }
            first = false
        }
        try output.write(writer.tail(metrics: metrics))
        try output.finish()
    }
}
