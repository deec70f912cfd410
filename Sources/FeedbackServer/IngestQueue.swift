import Basics
import Feedback
import Foundation
import PromptGateModel

/// The bounded queue between the daemon's threads and the store, and the one writer thread
/// that owns the store's connection.
///
/// The writer takes every job waiting (up to ``maxBatch`` records) and commits them in one
/// transaction, then answers each job: requests that arrive while a commit runs share the
/// next one (group commit), so throughput grows with load while each answer still follows
/// its own commit. ``submit(_:)`` refuses work past ``capacity`` records (the service answers
/// 429), so a slow disk bounds memory instead of growing it.
public final class IngestQueue: @unchecked Sendable {
    /// What a job asks of the writer.
    public enum Work: Sendable {
        case store(feedback: [FeedbackStore.Entry], outcomes: [OutcomeRecord])
        /// Counts by version (`GET /v1/stats`), read on the writer's connection.
        case stats
    }

    /// What the writer did.
    public enum Done: Sendable {
        /// For each record of the job, whether it was new (false: already stored).
        case stored(feedback: [Bool], outcomes: [Bool])
        case stats(feedback: FeedbackStore.Counts, outcomes: FeedbackStore.Counts)
    }

    public struct Job: Sendable {
        public var work: Work
        public var finish: @Sendable (Result<Done, PromptGateError>) -> Void

        public init(work: Work, finish: @escaping @Sendable (Result<Done, PromptGateError>) -> Void)
        {
            self.work = work
            self.finish = finish
        }

        var records: Int {
            if case .store(let feedback, let outcomes) = work {
                return feedback.count + outcomes.count
            }
            return 0
        }
    }

    /// Records queued at most (the writer's backlog).
    public let capacity: Int
    /// Records per transaction at most.
    public let maxBatch: Int
    private let store: FeedbackStore
    private let source: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [Job] = []
    private var queued = 0
    private var stopping = false
    private var finished = false
    private var storedTotal = 0

    /// Opens the store at `storePath` and starts the writer. `source` is what the records'
    /// `source` column says (imports store the file's path); a commit waits up to
    /// `busyTimeout` seconds for another process's write lock before it fails (503).
    public init(
        storePath: String, source: String, capacity: Int = 50_000, maxBatch: Int = 5_000,
        busyTimeout: Double = 5
    ) throws(PromptGateError) {
        store = try FeedbackStore(path: storePath)
        store.setBusyTimeout(seconds: busyTimeout)
        self.source = source
        self.capacity = max(1, capacity)
        self.maxBatch = max(1, maxBatch)
        let thread = Thread { [self] in writerLoop() }
        thread.name = "feedback-writer"
        thread.start()
    }

    /// Queues `job`; false when the queue is full or stopping (nothing was queued). A job
    /// larger than the whole capacity is taken when the queue is empty, so it is never
    /// refused forever.
    public func submit(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let records = job.records
        guard !stopping, queued == 0 || queued + records <= capacity else { return false }
        jobs.append(job)
        queued += records
        condition.signal()
        return true
    }

    /// Records stored since the queue started (duplicates not counted).
    public var stored: Int {
        condition.lock()
        defer { condition.unlock() }
        return storedTotal
    }

    /// Records queued or being committed now.
    public var queuedRecords: Int {
        condition.lock()
        defer { condition.unlock() }
        return queued
    }

    /// Refuses new jobs, lets the writer finish every queued one, and waits for it.
    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func writerLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty, !stopping { condition.wait() }
            if jobs.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var take = 0
            var records = 0
            while take < jobs.count, take == 0 || records + jobs[take].records <= maxBatch {
                records += jobs[take].records
                take += 1
            }
            let batch = Array(jobs[..<take])
            jobs.removeFirst(take)
            condition.unlock()

            let new = run(batch)

            condition.lock()
            queued -= records
            storedTotal += new
            condition.unlock()
        }
    }

    /// Commits the batch's records in one transaction, then answers every job; returns how
    /// many records were new.
    private func run(_ batch: [Job]) -> Int {
        var feedback: [FeedbackStore.Entry] = []
        var outcomes: [OutcomeRecord] = []
        for job in batch {
            if case .store(let f, let o) = job.work {
                feedback += f
                outcomes += o
            }
        }
        var result: Result<(feedback: [Bool], outcomes: [Bool]), PromptGateError> = .success(
            ([], []))
        if !feedback.isEmpty || !outcomes.isEmpty {
            let importedAt = Timestamp.now()
            result = Result { () throws(PromptGateError) in
                try store.insert(
                    feedback: feedback, outcomes: outcomes, source: source, importedAt: importedAt)
            }
        }
        var f = 0
        var o = 0
        for job in batch {
            switch job.work {
            case .stats:
                job.finish(
                    Result { () throws(PromptGateError) in
                        .stats(
                            feedback: try store.feedbackCounts(),
                            outcomes: try store.outcomeCounts())
                    })
            case .store(let jf, let jo):
                job.finish(
                    result.map { stored in
                        let done = Done.stored(
                            feedback: Array(stored.feedback[f..<f + jf.count]),
                            outcomes: Array(stored.outcomes[o..<o + jo.count]))
                        return done
                    })
                f += jf.count
                o += jo.count
            }
        }
        guard case .success(let stored) = result else { return 0 }
        return stored.feedback.filter { $0 }.count + stored.outcomes.filter { $0 }.count
    }
}
