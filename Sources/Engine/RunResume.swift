import Basics
import PromptGateModel
import Store

/// `run --resume RUN_ID`: finishes an interrupted or killed run with the same inputs, and
/// (unless `keepErrors`) sends again the case × repeat slots that ended in an error.
public enum RunResume {
    /// The runner for the missing part of a stored run, refusing when its inputs changed.
    public static func prepare(
        runID: Int64, project: Project, store: RunStore, concurrency: Int,
        environment: [String: String], useCache: Bool, keepErrors: Bool = false
    ) async throws(PromptGateError) -> (Runner, RunInfo) {
        guard let info = try await store.run(runID) else {
            throw .usage(
                "--resume \(runID): no such run in the store", hint: "see 'promptgate history'")
        }
        let plan = try RunPlan.make(
            project: project, promptRef: info.promptRef, suiteNames: info.suiteNames,
            providerOverride: info.providerName, repeatCount: info.repeatCount)
        let mode = RunMode(rawValue: info.mode) ?? .live
        let runner = Runner(
            plan: plan,
            options: RunOptions(
                mode: mode, concurrency: concurrency, environment: environment, useCache: useCache,
                shard: info.summary?.shard, keepErrors: keepErrors),
            store: store)
        let now = try runner.plannedInfo()
        var changed: [String] = []
        if now.prompt.sha256 != info.prompt.sha256 { changed.append(info.prompt.path) }
        let before = Dictionary(
            info.suites.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for suite in now.suites where before[suite.path] != suite.sha256 {
            changed.append(suite.path)
        }
        if now.providerSHA256 != info.providerSHA256 {
            changed.append("provider '\(info.providerName)'")
        }
        if mode == .offline, Set(now.recordings) != Set(info.recordings) {
            changed.append(Recordings.directory)
        }
        if !changed.isEmpty {
            throw .usage(
                "run \(runID) cannot be resumed: \(changed.joined(separator: ", ")) changed since it started",
                hint: "start a new run instead")
        }
        return (runner, info)
    }
}
