import Basics
import Conversation
import JSON
import PromptGateModel

/// The JSON report of a run in three pieces, so `run --format json` writes it as it reads the
/// results from the store instead of holding them all: ``head``, one ``item(_:first:)`` per
/// result in plan order, then ``tail(metrics:)``. `cases` sorts first among the keys, so the
/// layout is the sorted-keys one ``RunReport/json()`` has always written.
public struct RunJSONReport: Sendable {
    public var info: RunInfo
    public var summary: RunSummary

    public init(info: RunInfo, summary: RunSummary) {
        self.info = info
        self.summary = summary
    }

    /// Everything before the first case.
    public static let head = "{\n  \"cases\" : [\n"

    /// One case, with the separator before it unless it is the `first`.
    public static func item(_ r: CaseResult, first: Bool) -> String {
        var out = ""
        // Appending to a string cannot fail.
        try? writeItem(r, first: first) { out += $0 }
        return out
    }

    /// ``item(_:first:)`` handed to `write` in pieces: a big output goes in slices, never
    /// copied whole into the case's text.
    public static func writeItem(
        _ r: CaseResult, first: Bool, _ write: (String) throws -> Void
    ) throws {
        var out = first ? "    " : ",\n    "
        try withoutActuallyEscaping(write) { write in
            try Self.writeCase(r, into: &out, level: 2, spill: write)
        }
        try write(out)
    }

    /// Everything after the last case: the run's other members and the closing brace.
    public func tail(metrics: [NamedMetric]) -> String {
        var out = "\n  ]"
        for (key, value) in members(metrics: metrics).sorted(by: { $0.key < $1.key }) {
            out += ",\n"
            JSONValue.member(key, into: &out, level: 1)
            value.writeReport(into: &out, level: 1)
        }
        return out + "\n}\n"
    }

    private func members(metrics: [NamedMetric]) -> [String: JSONValue] {
        let s = summary
        var members: [String: JSONValue] = [
            "run_id": .integer(info.id),
            "status": .string(info.status.rawValue),
            "mode": .string(info.mode),
            "provider": .string(info.providerName),
            "prompt": [
                "id": .string(info.promptID), "version": .string(info.promptVersion),
                "sha256": .string(info.prompt.sha256), "path": .string(info.prompt.path),
            ],
            "suites": .array(
                info.suites.map { ["path": .string($0.path), "sha256": .string($0.sha256)] }),
            "summary": [
                "total": .integer(Int64(s.total)), "passed": .integer(Int64(s.passed)),
                "failed": .integer(Int64(s.failed)), "errors": .integer(Int64(s.errors)),
                "pass_rate": .rounded(s.passRate, places: 4),
                "planned": .integer(Int64(s.planned)),
                "prompt_tokens": .integer(Int64(s.promptTokens)),
                "completion_tokens": .integer(Int64(s.completionTokens)),
                "wall_seconds": .rounded(s.wallSeconds, places: 3),
                "retries": .integer(Int64(s.retries)), "cached": .integer(Int64(s.cached)),
                "cost_usd": Self.usd(s.costUSD), "spent_usd": Self.usd(s.spentUSD),
                "shard": .optional(s.shard?.description),
            ],
        ]
        if !metrics.isEmpty {
            members["metrics"] = .object(
                Dictionary(
                    uniqueKeysWithValues: metrics.map {
                        ($0.name, .number(NamedMetrics.rounded($0.mean)))
                    }))
        }
        return members
    }

    /// An amount in USD with 8 decimals, or null when the price is unknown.
    static func usd(_ amount: Double?) -> JSONValue {
        amount.map { .rounded($0, places: 8) } ?? .null
    }

    /// The case as a value: what ``writeCase(_:into:level:)`` writes, kept as the reference
    /// the tests hold it to.
    static func caseValue(_ r: CaseResult) -> JSONValue {
        var c: [String: JSONValue] = [
            "id": .string(r.caseID), "suite": .string(r.suite),
            "repeat": .integer(Int64(r.repeatIndex)), "passed": .bool(r.passed),
            "score": .rounded(r.score, places: 4), "tags": .array(r.tags.map(JSONValue.string)),
            "assertions": .array(
                r.assertions.map { a in
                    var o: [String: JSONValue] = [
                        "type": .string(a.type), "passed": .bool(a.passed),
                        "reason": .string(a.reason), "score": .number(a.score),
                    ]
                    if a.skipped { o["skipped"] = true }
                    if let m = a.metric { o["metric"] = .string(m) }
                    return .object(o)
                }),
            "error": .optional(r.error), "output": .optional(r.output),
            "latency_ms": r.latencyMs.map { .rounded($0, places: 1) } ?? .null,
        ]
        if !r.trajectory.isEmpty {
            c["trajectory"] = (try? JSONParser.parse(AgentStep.jsonText(r.trajectory))) ?? []
        }
        return .object(c)
    }
}
