import Basics
import Foundation
import PromptGateModel
import Store

/// `promptgate merge`: the shards of one run, written by N CI jobs, combined into one run.
public enum RunMerge {
    /// One `--output-run` file, read.
    public struct Part: Sendable {
        public var path: String
        public var info: RunInfo
        public var results: [CaseResult]

        public init(path: String, info: RunInfo, results: [CaseResult]) {
            self.path = path
            self.info = info
            self.results = results
        }
    }

    /// Checks the parts are every shard of the same run, once each, and finished; returns the
    /// merged run (status completed) and its results in plan order.
    public static func merge(_ parts: [Part]) throws(PromptGateError) -> (RunInfo, [CaseResult]) {
        guard let first = parts.first else {
            throw .usage(
                "merge needs the run files to combine",
                hint: "e.g. promptgate merge shard-*.jsonl --into-store")
        }
        for part in parts.dropFirst() {
            if let difference = difference(first.info, part.info) {
                throw .usage(
                    "\(first.path) and \(part.path) are not shards of the same run: \(difference)",
                    hint: "every shard must run the same prompt bytes, suites and settings")
            }
        }
        try checkShards(parts)
        var results: [CaseResult] = []
        var owner: [ResultSlot: String] = [:]
        for part in parts {
            for result in part.results {
                let slot = ResultSlot(
                    suite: result.suite, caseID: result.caseID, repeatIndex: result.repeatIndex)
                if let other = owner.updateValue(part.path, forKey: slot) {
                    throw .usage(
                        "case \(result.suite)/\(result.caseID) repeat \(result.repeatIndex + 1) is in both \(other) and \(part.path)"
                    )
                }
                results.append(result)
            }
        }
        results.sort { $0.ordinal < $1.ordinal }
        return (mergedInfo(parts, results: results), results)
    }

    /// The first setting that differs between two shards, said for people; nil when none.
    static func difference(_ a: RunInfo, _ b: RunInfo) -> String? {
        if a.promptRef != b.promptRef { return "prompt \(a.promptRef) vs \(b.promptRef)" }
        if a.prompt.sha256 != b.prompt.sha256 {
            return
                "the bytes of \(a.prompt.path) differ (sha256 \(a.prompt.sha256.prefix(12))… vs \(b.prompt.sha256.prefix(12))…)"
        }
        if a.suiteNames != b.suiteNames {
            return
                "suites \(a.suiteNames.joined(separator: ", ")) vs \(b.suiteNames.joined(separator: ", "))"
        }
        if Set(a.suites) != Set(b.suites) {
            let changed = Set(a.suites).symmetricDifference(b.suites).map(\.path)
            return "the bytes of \(Set(changed).sorted().joined(separator: ", ")) differ"
        }
        if a.providerName != b.providerName || a.providerSHA256 != b.providerSHA256 {
            return "provider config differs ('\(a.providerName)' vs '\(b.providerName)')"
        }
        if a.repeatCount != b.repeatCount { return "--repeat \(a.repeatCount) vs \(b.repeatCount)" }
        if a.mode != b.mode { return "mode \(a.mode) vs \(b.mode)" }
        if a.mode == RunMode.offline.rawValue, Set(a.recordings) != Set(b.recordings) {
            return "recordings differ"
        }
        return nil
    }

    /// Every shard K/N once, all with the same N, each finished.
    static func checkShards(_ parts: [Part]) throws(PromptGateError) {
        let shards = parts.map { $0.info.summary?.shard }
        if parts.count == 1, shards[0] == nil {
            try checkFinished(parts[0], name: "run")
            return
        }
        if let whole = parts.first(where: { $0.info.summary?.shard == nil }) {
            throw .usage(
                "\(whole.path) is a whole run, not a shard (run without --shard); merge only shards of one run"
            )
        }
        let counts = Set(shards.compactMap { $0?.count })
        guard counts.count == 1, let count = counts.first else {
            let listed = zip(parts, shards).map { "\($0.path) is \($1?.description ?? "?")" }
            throw .usage(
                "the shards split the run differently: \(listed.joined(separator: ", "))")
        }
        var byIndex: [Int: String] = [:]
        for part in parts {
            guard let shard = part.info.summary?.shard else { continue }
            if let other = byIndex.updateValue(part.path, forKey: shard.index) {
                throw .usage("shard \(shard) is given twice: \(other) and \(part.path)")
            }
            try checkFinished(part, name: "shard \(shard)")
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "shard \($0)/\(count)" }
            throw .usage(
                "\(names.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing",
                hint: "pass every shard's --output-run file")
        }
    }

    static func checkFinished(_ part: Part, name: String) throws(PromptGateError) {
        let planned = part.info.summary?.planned ?? part.results.count
        guard part.info.status.isComplete, part.results.count == planned else {
            throw .usage(
                "\(name) (\(part.path)) is \(part.info.status.rawValue) with \(part.results.count) of \(planned) cases",
                hint: "finish it with 'promptgate run --resume RUN_ID' and write it again")
        }
    }

    static func mergedInfo(_ parts: [Part], results: [CaseResult]) -> RunInfo {
        var info = parts[0].info
        info.id = 0
        info.startedAt = parts.map(\.info.startedAt).min() ?? info.startedAt
        info.finishedAt = parts.compactMap(\.info.finishedAt).max()
        var summary = RunSummary()
        for result in results { summary.add(result) }
        let summaries = parts.compactMap(\.info.summary)
        summary.planned = summaries.reduce(0) { $0 + $1.planned }
        summary.retries = summaries.reduce(0) { $0 + $1.retries }
        // The shards ran side by side: the slowest one is the run's wall time.
        summary.wallSeconds = summaries.map(\.wallSeconds).max() ?? 0
        summary.costUSD = sum(summaries.map(\.costUSD))
        summary.spentUSD = sum(summaries.map(\.spentUSD))
        info.summary = summary
        info.status = .finished(errors: summary.errors)
        return info
    }

    /// The sum, or nil when any amount is unknown.
    static func sum(_ amounts: [Double?]) -> Double? {
        var total = 0.0
        for amount in amounts {
            guard let amount else { return nil }
            total += amount
        }
        return total
    }
}
