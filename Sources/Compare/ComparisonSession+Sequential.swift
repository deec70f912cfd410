import Basics
import Engine
import PromptGateModel
import Store

extension ComparisonSession {
    /// The monitor of a `--sequential` compare, fed what the sides already hold (a reused
    /// run, the stored part of a resumed one); nil for a fixed-design compare.
    func sequentialMonitor(alpha: Double) async throws(PromptGateError) -> SequentialMonitor? {
        guard var options = request.sequential else { return nil }
        // The project's non-inferiority margin lets a look stop once it is shown (a suite's
        // own margin still decides that suite's gate, not when the compare stops).
        if options.margin == nil { options.margin = project.config?.gate?.nonInferiorityMargin }
        var expected: [ExpectedSlots] = []
        for index in 0..<2 {
            let promptID: String
            let repeats: Int
            if let runner = runners[index] {
                promptID = runner.plan.prompt.version.id
                repeats = runner.plan.repeatCount
            } else if let info = reused[index] {
                promptID = info.promptID
                repeats = info.repeatCount
            } else {
                throw .infrastructure("a side of the comparison has neither a run nor a runner")
            }
            expected.append(
                ExpectedSlots.of(
                    project: project, promptID: promptID, suiteFilter: request.suites,
                    repeatCount: repeats))
        }
        let monitor = SequentialMonitor(
            options: options, alpha: alpha, expected: expected,
            sending: runners.map { $0 != nil })
        for index in 0..<2 {
            if let info = reused[index] {
                await monitor.preload(side: index, results: try await store.results(runID: info.id))
            } else if let info = resuming[index] {
                let stored = try await store.results(runID: info.id)
                await monitor.preload(
                    side: index,
                    results: request.keepErrors ? stored : stored.filter { $0.error == nil })
            }
        }
        return monitor
    }

    /// The stop stored with given runs (`compare run:5 run:6` of a sequential compare): the
    /// stopped-early side's.
    static func storedStop(_ base: RunInfo, _ candidate: RunInfo) -> SequentialStop? {
        for info in [candidate, base] where info.status == .stoppedEarly {
            if let stop = info.summary?.sequential { return stop }
        }
        return nil
    }

    /// The results of these slots.
    static func keep(_ results: [SummarizedResult], in slots: Set<ResultSlot>)
        -> [SummarizedResult]
    {
        results.filter {
            slots.contains(
                ResultSlot(
                    suite: $0.suite, caseID: $0.caseID, repeatIndex: $0.summary.repeatIndex))
        }
    }
}

extension Comparison {
    /// Records the stop and lets the sequential rule decide the overall verdict: worse or
    /// better only when the stopping look's boundary is crossed by these pairs, never on the
    /// fixed test alone (that would spend α a second time).
    mutating func applySequential(_ stop: SequentialStop) {
        var stop = stop
        // The stop's z on these pairs: a stored stop given as `run:B run:A` sees the sides
        // the other way round, and says so rather than repeating the original's reason.
        let b = statistics.regressions
        let c = statistics.improvements
        let z = b + c == 0 ? 0 : Double(b - c) / Double(b + c).squareRoot()
        if z * stop.z < 0 {
            stop.z = -stop.z
            if stop.reason == .harm {
                stop.reason = .benefit
            } else if stop.reason == .benefit {
                stop.reason = .harm
            }
        }
        sequential = stop
        if z.magnitude >= stop.boundary {
            statistics.verdict = z > 0 ? .worse : .better
        } else if statistics.verdict == .worse || statistics.verdict == .better {
            statistics.verdict = .noSignificantDifference
        }
    }
}
