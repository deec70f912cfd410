import Assertions
import Conversation

/// What a comparison keeps of one result (one case × repeat): everything its statistics,
/// coverage, gate and judge agreement read, and none of the texts. Reports read the texts
/// back from the store by ``rowID`` a few cases at a time, so a comparison of two
/// 100,000-case runs holds a few dozen bytes per result, not the outputs.
public struct RepeatSummary: Sendable, Hashable {
    // Stored narrow (48 bytes): a comparison of two 100,000-case runs holds 200,000 of them.
    /// The repeat index in the low 28 bits; above it the flags (passed, errored, has a digest).
    private let packed: UInt32
    private let tokenCount: Int32
    /// NaN when the provider said nothing (a gate compares it exactly: a Double).
    private let latency: Double
    public let score: Double
    /// Only the judged and named-metric assertions: judge agreement and metric means read
    /// them; the failed ones only a report shows, and it reads them back.
    public let assertions: [AssertionResult]
    private let digest: Int
    /// The result's row in the store; 0 for one that was never stored.
    public let rowID: Int64

    private static let indexBits: UInt32 = 28
    private var flags: UInt32 { packed >> Self.indexBits }
    public var repeatIndex: Int { Int(packed & (1 << Self.indexBits - 1)) }
    public var passed: Bool { flags & 1 != 0 }
    /// The request errored: no output was graded.
    public var errored: Bool { flags & 2 != 0 }
    public var latencyMs: Double? { latency.isNaN ? nil : latency }
    /// Prompt plus completion tokens (0 when the provider said nothing).
    public var tokens: Int { Int(tokenCount) }
    /// A digest of the output's UTF-8 bytes (nil without an output): two repeats' texts are
    /// the same when their digests are. Valid within one process only (``OutputDigest``).
    public var outputDigest: Int? { flags & 4 != 0 ? digest : nil }
    /// This repeat's verdict counted alone: a plain value, so reading it copies nothing.
    var verdict: RepeatVerdicts { RepeatVerdicts(errored: errored, passed: passed) }

    public init(
        repeatIndex: Int, passed: Bool, errored: Bool, score: Double, latencyMs: Double?,
        tokens: Int, assertions: [AssertionResult], outputDigest: Int?, rowID: Int64
    ) {
        let flags: UInt32 = (passed ? 1 : 0) | (errored ? 2 : 0) | (outputDigest != nil ? 4 : 0)
        let index = UInt32(clamping: min(max(repeatIndex, 0), 1 << Int(Self.indexBits) - 1))
        self.packed = index | flags << Self.indexBits
        self.tokenCount = Int32(clamping: tokens)
        self.latency = latencyMs ?? .nan
        self.score = score
        self.assertions = assertions
        self.digest = outputDigest ?? 0
        self.rowID = rowID
    }

    /// The summary of a result held in memory.
    public init(_ result: CaseResult, rowID: Int64 = 0) {
        self.init(
            repeatIndex: result.repeatIndex, passed: result.passed, errored: result.error != nil,
            score: result.score, latencyMs: result.latencyMs,
            tokens: (result.promptTokens ?? 0) + (result.completionTokens ?? 0),
            assertions: result.assertions.filter(Self.keeps),
            outputDigest: result.output.map(OutputDigest.of), rowID: rowID)
    }

    /// Whether a summary keeps the assertion: it was judged or names a metric.
    public static func keeps(_ assertion: AssertionResult) -> Bool {
        assertion.judgeVotes != nil || assertion.metric != nil
    }
}

/// A case side's repeats, in repeat order: the first held inline, so the common case of one
/// repeat needs no array of its own.
public struct RepeatList: RandomAccessCollection, Sendable, Hashable {
    private let head: RepeatSummary?
    // In the optional's padding: asking `head` whether it is nil copies it (its assertions
    // retained and released), and a comparison asks for every side several times.
    private let hasHead: Bool
    private let rest: [RepeatSummary]

    public init(_ repeats: [RepeatSummary]) {
        head = repeats.first
        hasHead = !repeats.isEmpty
        rest = repeats.count > 1 ? Array(repeats.dropFirst()) : []
    }

    public init(one: RepeatSummary) {
        head = one
        hasHead = true
        rest = []
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { hasHead ? 1 + rest.count : 0 }
    public subscript(position: Int) -> RepeatSummary {
        position == 0 ? head! : rest[position - 1]
    }

    /// The repeats' verdicts, counted in one pass over the summaries in place (iterating
    /// the list copies each summary).
    public var verdicts: RepeatVerdicts {
        var out = head?.verdict ?? RepeatVerdicts()
        rest.withUnsafeBufferPointer { repeats in
            for i in repeats.indices { out += repeats[i].verdict }
        }
        return out
    }

    /// The sum of the graded (not errored) repeats' scores, read in place.
    public var gradedScore: Double {
        var score = head?.errored == false ? head?.score ?? 0 : 0
        rest.withUnsafeBufferPointer { repeats in
            for i in repeats.indices where !repeats[i].errored { score += repeats[i].score }
        }
        return score
    }
}

/// How a case side's repeats ended, counted.
public struct RepeatVerdicts: Sendable, Equatable {
    /// Repeats that errored (no output graded).
    public var errored = 0
    /// Repeats graded (no error), and of those, how many passed.
    public var graded = 0
    public var passed = 0

    public init() {}

    /// Every repeat, graded or errored.
    public var count: Int { errored + graded }
    /// Share of graded repeats that passed (0 with none).
    public var passFraction: Double { graded == 0 ? 0 : Double(passed) / Double(graded) }
    /// The majority verdict: more than half of the graded repeats passed.
    public var majorityPassed: Bool { passed * 2 > graded }
    /// pass^k with k the graded repeats: every graded repeat passed.
    public var passedAll: Bool { graded > 0 && passed == graded }
    /// pass@k with k the graded repeats: at least one repeat passed.
    public var passedAny: Bool { passed > 0 }

    /// One repeat's verdict.
    init(errored: Bool, passed: Bool) {
        self.errored = errored ? 1 : 0
        graded = errored ? 0 : 1
        self.passed = !errored && passed ? 1 : 0
    }

    static func += (total: inout RepeatVerdicts, one: RepeatVerdicts) {
        total.errored += one.errored
        total.graded += one.graded
        total.passed += one.passed
    }
}

/// One result as a comparison reads it: its case, and its summary.
public struct SummarizedResult: Sendable {
    public var suite: String
    public var caseID: String
    public var tags: [String]
    /// The tool-calling steps (empty for a plain answer): a comparison keeps the first
    /// repeat's to say how the tool calls changed.
    public var trajectory: [AgentStep]
    public var summary: RepeatSummary

    public init(
        suite: String, caseID: String, tags: [String], trajectory: [AgentStep],
        summary: RepeatSummary
    ) {
        self.suite = suite
        self.caseID = caseID
        self.tags = tags
        self.trajectory = trajectory
        self.summary = summary
    }

    public init(_ result: CaseResult, rowID: Int64 = 0) {
        self.init(
            suite: result.suite, caseID: result.caseID, tags: result.tags,
            trajectory: result.trajectory, summary: RepeatSummary(result, rowID: rowID))
    }
}

/// A digest of a text's UTF-8 bytes for telling whether two outputs are the same without
/// keeping them: the standard library's seeded hash, so it is only compared within the
/// process that computed it (never stored).
public enum OutputDigest {
    public static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { of(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func of(bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes.count)
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }
}
