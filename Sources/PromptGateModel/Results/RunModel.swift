import Assertions
import Conversation
import Providers

/// What a run is about, stored with it so results can be trusted and compared later.
public struct RunInfo: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Still sending requests (or killed without a chance to say otherwise).
        case running
        /// Every planned case × repeat finished and none ended in an error.
        case completed
        /// Every planned case × repeat finished, some in a provider or infrastructure error:
        /// no evidence for those slots; `run --resume` sends them again.
        case completedWithErrors = "completed-with-errors"
        /// Stopped by Ctrl-C; the finished results are kept.
        case interrupted
        /// A side of a `--sequential` compare that stopped at a planned look because the
        /// paired data decided (``RunSummary/sequential`` says where and why): complete
        /// evidence for that compare only, through ``SequentialStop``.
        case stoppedEarly = "stopped-early"
        /// Stopped by an infrastructure failure before finishing.
        case failed
        /// Stopped sending because `--max-cost` would have been passed; finished results kept.
        case budgetExceeded = "budget-exceeded"
        /// Stored as `running`, but its process is gone (killed, crashed, machine restarted):
        /// nobody holds its ``RunLock``. Never stored; the store reads a run back as this.
        case stale

        /// Finished whole: ``completed`` or ``completedWithErrors``.
        public var isComplete: Bool { self == .completed || self == .completedWithErrors }

        /// How a run that stored every planned result ends: with or without errors.
        public static func finished(errors: Int) -> Status {
            errors > 0 ? .completedWithErrors : .completed
        }
    }

    /// Digest of one input file that shaped the run.
    public struct FileDigest: Sendable, Hashable, Codable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    public var id: Int64
    /// ISO 8601, UTC.
    public var startedAt: String
    public var finishedAt: String?
    /// `git rev-parse HEAD` of the project, when it is a git checkout.
    public var gitCommit: String?
    public var promptID: String
    public var promptVersion: String
    public var prompt: FileDigest
    public var suites: [FileDigest]
    /// The suite names the run covered, in order.
    public var suiteNames: [String]
    public var providerName: String
    /// Canonical JSON of the provider config, without secrets (no key, no key-bearing headers).
    public var providerConfig: String
    public var providerSHA256: String
    public var promptgateVersion: String
    public var status: Status
    public var repeatCount: Int
    /// `live`, `record` or `offline`.
    public var mode: String
    /// The recording files read (offline) or written (record), with their digests.
    public var recordings: [FileDigest]
    public var summary: RunSummary?
    /// The stored run whose outputs this run regraded (`promptgate regrade`); nil for a run
    /// that sent its own requests.
    public var regradedFrom: Int64?

    public init(
        id: Int64 = 0, startedAt: String, finishedAt: String? = nil, gitCommit: String? = nil,
        promptID: String, promptVersion: String, prompt: FileDigest, suites: [FileDigest],
        suiteNames: [String], providerName: String, providerConfig: String,
        providerSHA256: String, promptgateVersion: String, status: Status = .running,
        repeatCount: Int, mode: String, recordings: [FileDigest] = [], summary: RunSummary? = nil,
        regradedFrom: Int64? = nil
    ) {
        self.regradedFrom = regradedFrom
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.gitCommit = gitCommit
        self.promptID = promptID
        self.promptVersion = promptVersion
        self.prompt = prompt
        self.suites = suites
        self.suiteNames = suiteNames
        self.providerName = providerName
        self.providerConfig = providerConfig
        self.providerSHA256 = providerSHA256
        self.promptgateVersion = promptgateVersion
        self.status = status
        self.repeatCount = repeatCount
        self.mode = mode
        self.recordings = recordings
        self.summary = summary
    }

    /// `support@1.3`.
    public var promptRef: String { "\(promptID)@\(promptVersion)" }
}

/// Counts of a run, computed as results stream in (nothing else is kept in memory).
public struct RunSummary: Sendable, Hashable, Codable {
    enum CodingKeys: String, CodingKey {
        case total, passed, failed, errors, promptTokens, completionTokens, wallSeconds, planned,
            retries,
            cached, costUSD, spentUSD, shard, stopReason, sequential
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        total = try c.decodeIfPresent(Int.self, forKey: .total) ?? 0
        passed = try c.decodeIfPresent(Int.self, forKey: .passed) ?? 0
        failed = try c.decodeIfPresent(Int.self, forKey: .failed) ?? 0
        errors = try c.decodeIfPresent(Int.self, forKey: .errors) ?? 0
        promptTokens = try c.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        completionTokens = try c.decodeIfPresent(Int.self, forKey: .completionTokens) ?? 0
        wallSeconds = try c.decodeIfPresent(Double.self, forKey: .wallSeconds) ?? 0
        planned = try c.decodeIfPresent(Int.self, forKey: .planned) ?? 0
        retries = try c.decodeIfPresent(Int.self, forKey: .retries) ?? 0
        cached = try c.decodeIfPresent(Int.self, forKey: .cached) ?? 0
        costUSD = try c.decodeIfPresent(Double.self, forKey: .costUSD)
        spentUSD = try c.decodeIfPresent(Double.self, forKey: .spentUSD)
        shard = try c.decodeIfPresent(RunShard.self, forKey: .shard)
        stopReason = try c.decodeIfPresent(String.self, forKey: .stopReason)
        sequential = try c.decodeIfPresent(SequentialStop.self, forKey: .sequential)
    }

    public var total: Int = 0
    public var passed: Int = 0
    public var failed: Int = 0
    public var errors: Int = 0
    public var promptTokens: Int = 0
    public var completionTokens: Int = 0
    /// Wall time of the run in seconds.
    public var wallSeconds: Double = 0
    /// Planned case × repeat pairs (total < planned when interrupted).
    public var planned: Int = 0
    /// Retries of 429, 5xx, timeouts and dropped connections.
    public var retries: Int = 0
    /// Results answered by the response cache.
    public var cached: Int = 0
    /// The run's tokens at the model's list price (cached and recorded answers included, so
    /// two prompt versions compare); nil when the model's price is unknown.
    public var costUSD: Double?
    /// What the requests this run actually sent cost (cache and recordings cost nothing);
    /// nil when the model's price is unknown.
    public var spentUSD: Double?
    /// The part of the plan this run covered (`--shard K/N`); nil for a whole run.
    public var shard: RunShard?
    /// Why the run stopped sending before it finished, when not Ctrl-C or `--max-cost`: its
    /// provider was declared down (``ProviderHealth``). The run is `interrupted` and resumable.
    public var stopReason: String?
    /// How the `--sequential` compare this run was a side of ended: the look, the reason.
    public var sequential: SequentialStop?

    public init() {}

    /// passed / (passed + failed): errors are neither a pass nor a fail.
    public var passRate: Double {
        let graded = passed + failed
        return graded == 0 ? 0 : Double(passed) / Double(graded)
    }

    public mutating func add(_ result: CaseResult) {
        total += 1
        if result.error != nil {
            errors += 1
        } else if result.passed {
            passed += 1
        } else {
            failed += 1
        }
        promptTokens += result.promptTokens ?? 0
        completionTokens += result.completionTokens ?? 0
        if result.origin == .cache { cached += 1 }
    }
}

/// The outcome of one case × repeat.
public struct CaseResult: Sendable, Hashable, Codable {
    public var suite: String
    public var caseID: String
    public var repeatIndex: Int
    /// Position in the run's plan: reports list results in this order, whatever order they finished in.
    public var ordinal: Int
    public var tags: [String]
    public var messages: [ChatMessage]
    /// The model's text; nil when the request errored.
    public var output: String?
    public var passed: Bool
    public var score: Double
    public var assertions: [AssertionResult]
    public var latencyMs: Double?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var finishReason: String?
    /// Why no output could be graded (HTTP status and body excerpt, missing recording, …).
    public var error: String?
    /// SHA-256 of the canonical request (the recording and cache key).
    public var requestKey: String
    /// Where the output came from.
    public var origin: ResponseOrigin
    /// Every step when the model called tools (the last step holds the final answer, which is
    /// also `output`); empty for a plain one-step answer without tool calls.
    public var trajectory: [AgentStep]

    /// Every tool call of the trajectory, in order.
    public var toolCalls: [ToolCall] { trajectory.allToolCalls }

    public init(
        suite: String, caseID: String, repeatIndex: Int, ordinal: Int, tags: [String],
        messages: [ChatMessage],
        output: String?, passed: Bool, score: Double, assertions: [AssertionResult],
        latencyMs: Double?, promptTokens: Int?, completionTokens: Int?, finishReason: String?,
        error: String?, requestKey: String, origin: ResponseOrigin, trajectory: [AgentStep] = []
    ) {
        self.trajectory = trajectory
        self.suite = suite
        self.caseID = caseID
        self.repeatIndex = repeatIndex
        self.ordinal = ordinal
        self.tags = tags
        self.messages = messages
        self.output = output
        self.passed = passed
        self.score = score
        self.assertions = assertions
        self.latencyMs = latencyMs
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.finishReason = finishReason
        self.error = error
        self.requestKey = requestKey
        self.origin = origin
    }
}
