import Basics
import Compare
import Engine
import Foundation
import PromptGateModel

/// The evidence a gate leaves: its decision, the policy, both runs, and the SHA-256 of every
/// input that shaped the result. Promotion trusts nothing else, and only while every digest
/// still matches the files.
///
/// The record carries `record_sha256`, a SHA-256 of its own canonical JSON without that
/// field, so an edited or truncated record is refused rather than trusted.
public struct GateRecord {
    public static let format = "promptgate-gate/1"

    /// The record as a JSON object (what is written, minus `record_sha256`).
    public var object: [String: Any]

    public var id: Int64 { (object["id"] as? NSNumber)?.int64Value ?? 0 }
    public var passed: Bool { object["decision"] as? String == "pass" }
    public var candidateRef: String {
        (object["candidate"] as? [String: Any])?["ref"] as? String ?? ""
    }
    public var candidatePrompt: (id: String, version: String)? {
        let parts = candidateRef.split(separator: "@", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
    /// Path → SHA-256 of every file input.
    public var inputs: [(path: String, sha256: String)] {
        ((object["inputs"] as? [[String: Any]]) ?? []).compactMap {
            guard let p = $0["path"] as? String, let s = $0["sha256"] as? String else { return nil }
            return (p, s)
        }
    }
    public var policySHA256: String { object["policy_sha256"] as? String ?? "" }
    /// The reasons the gate gave for blocking, first the most fundamental.
    public var reasons: [String] { object["reasons"] as? [String] ?? [] }
    /// Whether both runs held every case × repeat of the suites when the gate decided.
    /// Records written before coverage was recorded have no such field: not complete.
    public var complete: Bool { object["complete"] as? Bool == true }
    /// The run id of the candidate (`candidate`) or base (`base`) side.
    public func runID(_ side: String) -> Int64? {
        ((object[side] as? [String: Any])?["run_id"] as? NSNumber)?.int64Value
    }
    /// The suite files the gate covered (`suites/…`, recordings excluded).
    public var suitePaths: [String] {
        inputs.map(\.path).filter { $0.hasPrefix("suites/") && !$0.hasPrefix(Recordings.directory) }
    }

    public init(object: [String: Any]) {
        self.object = object
    }

    /// Builds the record of a gate decision.
    public static func make(
        id: Int64, comparison: Comparison, decision: GateDecision, evaluator: GateEvaluator,
        createdAt: String, regradedSources: [Int64: RunInfo] = [:]
    ) -> GateRecord {
        func side(_ info: RunInfo, _ coverage: SideCoverage) -> [String: Any] {
            var o: [String: Any] = [
                "ref": info.promptRef, "run_id": info.id, "mode": info.mode,
                "status": info.status.rawValue,
                "coverage": [
                    "expected": coverage.expected, "present": coverage.present,
                    "complete": coverage.complete,
                ],
                "prompt": ["path": info.prompt.path, "sha256": info.prompt.sha256],
                "provider": [
                    "name": info.providerName, "sha256": info.providerSHA256,
                    "config": info.providerConfig,
                ],
            ]
            // Regraded: the outputs' run and the files it ran with, beside the side's own.
            if let from = info.regradedFrom {
                var source: [String: Any] = ["run_id": from]
                if let run = regradedSources[info.id] {
                    source["prompt"] = ["path": run.prompt.path, "sha256": run.prompt.sha256]
                    source["inputs"] = (run.suites + run.recordings).map {
                        ["path": $0.path, "sha256": $0.sha256]
                    }
                    source["status"] = run.status.rawValue
                }
                o["regraded_from"] = source
            }
            if let stop = coverage.sequential, stop.stoppedEarly {
                o["sequential"] = [
                    "look": stop.look, "looks": stop.looks, "reason": stop.reason.rawValue,
                    "stopped_at_cases": stop.stoppedAtCases, "alpha_spent": stop.alphaSpent,
                ]
            }
            return o
        }
        var files: [String: String] = [:]
        for info in [comparison.base, comparison.candidate] {
            files[info.prompt.path] = info.prompt.sha256
            for f in info.suites + info.recordings { files[f.path] = f.sha256 }
        }
        let policyJSON = evaluator.canonicalJSON
        let policy = (try? JSONSerialization.jsonObject(with: Data(policyJSON.utf8))) ?? [:]
        let s = comparison.statistics
        let object: [String: Any] = [
            "format": format, "id": id, "created_at": createdAt,
            "decision": decision.passed ? "pass" : "blocked", "reasons": decision.reasons,
            "warnings": decision.warnings, "notes": decision.notes,
            "base": side(comparison.base, comparison.coverage.base),
            "candidate": side(comparison.candidate, comparison.coverage.candidate),
            "complete": comparison.isComplete,
            "policy": policy, "policy_sha256": Digest.sha256Hex(Array(policyJSON.utf8)),
            "inputs": files.sorted { $0.key < $1.key }.map {
                ["path": $0.key, "sha256": $0.value]
            },
            "statistics": [
                "verdict": s.verdict.rawValue, "regressions": s.regressions,
                "improvements": s.improvements, "pairs": s.pairs,
                "mcnemar_p": s.mcnemarP.isFinite ? s.mcnemarP : NSNull(),
                "baseline_pass_rate": s.baseline.passRate,
                "candidate_pass_rate": s.candidate.passRate,
            ],
            "promptgate_version": PromptGateVersion.current,
        ]
        return GateRecord(object: object)
    }

    /// Canonical JSON of the record without its checksum: what the checksum covers.
    static func canonical(_ object: [String: Any]) -> Data {
        var o = object
        o["record_sha256"] = nil
        // Round-trip once so numbers are written the way they will be read back.
        let first =
            (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()
        let reparsed = (try? JSONSerialization.jsonObject(with: first)) ?? o
        return (try? JSONSerialization.data(withJSONObject: reparsed, options: [.sortedKeys]))
            ?? first
    }

    /// The file's text: pretty JSON with `record_sha256`.
    public func serialized() -> String {
        var o = object
        o["record_sha256"] = Digest.sha256Hex(Self.canonical(object))
        let data =
            (try? JSONSerialization.data(
                withJSONObject: o, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Parses a record and checks its checksum and shape; refuses (exit 1) anything else:
    /// a record that cannot be read is no evidence.
    public static func parse(_ data: Data, source: String) throws(PromptGateError) -> GateRecord {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .refused(["\(source) is not a gate record (not a JSON object); re-run the gate"])
        }
        guard object["format"] as? String == format else {
            throw .refused(["\(source) is not a \(format) gate record; re-run the gate"])
        }
        guard let recorded = object["record_sha256"] as? String else {
            throw .refused(["\(source) has no record_sha256; it was not written by promptgate gate"]
            )
        }
        guard Digest.sha256Hex(canonical(object)) == recorded else {
            throw .refused([
                "\(source) was edited or is corrupt: its content no longer matches its record_sha256; re-run the gate"
            ])
        }
        let record = GateRecord(object: object)
        guard record.candidatePrompt != nil, object["decision"] is String, !record.inputs.isEmpty
        else {
            throw .refused(["\(source) is missing required fields; re-run the gate"])
        }
        return record
    }
}
