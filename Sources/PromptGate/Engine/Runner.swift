import Foundation
import HTTPClient

/// How a run gets its responses.
public enum RunMode: String, Sendable {
    /// Call the provider.
    case live
    /// Call the provider and write every response to suites/recordings/.
    case record
    /// Answer only from suites/recordings/; call nothing.
    case offline
}

public struct RunOptions: Sendable {
    public var mode: RunMode
    /// Requests in flight at once (further bounded by the provider's max_concurrency).
    public var concurrency: Int
    public var environment: [String: String]
    /// Answer repeated requests from the store's response cache (`--no-cache` turns it off).
    public var useCache: Bool

    public init(
        mode: RunMode, concurrency: Int, environment: [String: String], useCache: Bool = true
    ) {
        self.mode = mode
        self.concurrency = concurrency
        self.environment = environment
        self.useCache = useCache
    }
}

/// Runs a plan: sends requests with bounded concurrency, grades each output, and streams
/// every result to the store as it completes.
public struct Runner: Sendable {
    public var plan: RunPlan
    public var options: RunOptions
    public var store: RunStore

    public init(plan: RunPlan, options: RunOptions, store: RunStore) {
        self.plan = plan
        self.options = options
        self.store = store
    }

    private enum Outcome: Sendable {
        case done(CaseResult, [Recordings.Entry], retries: Int)
        case cancelled
    }

    /// The run as it will be stored: what shapes its results (used to find a reusable run).
    public func plannedInfo() throws(PromptGateError) -> RunInfo {
        var recordings: [RunInfo.FileDigest] = []
        if options.mode == .offline {
            recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root
            ).files
        }
        return RunInfo(
            startedAt: Timestamp.now(), gitCommit: GitInfo.head(root: plan.project.root),
            promptID: plan.prompt.version.id, promptVersion: plan.prompt.version.version,
            prompt: RunInfo.FileDigest(
                path: plan.prompt.file.path, sha256: plan.prompt.file.sha256),
            suites: plan.suites.map {
                RunInfo.FileDigest(path: $0.file.path, sha256: $0.file.sha256)
            },
            suiteNames: plan.suites.map(\.name), providerName: plan.providerName,
            providerConfig: ProviderFingerprint.json(plan.provider, model: plan.model),
            providerSHA256: ProviderFingerprint.sha256(plan.provider, model: plan.model),
            promptgateVersion: PromptGateCLI.version, repeatCount: plan.repeatCount,
            mode: options.mode.rawValue, recordings: recordings)
    }

    /// Runs every item; returns the stored run. Cancellation (Ctrl-C) marks it interrupted.
    /// A shared `budget` bounds requests in flight across runners (both sides of a compare).
    /// With `resuming`, only the case × repeat pairs that run has no result for are sent,
    /// and they are added to it.
    public func run(
        resuming previous: RunInfo? = nil, budget: ConcurrencyBudget? = nil,
        progress: @escaping @Sendable (RunSummary) -> Void = { _ in }
    ) async throws(PromptGateError) -> RunInfo {
        let plan = self.plan
        let source = try makeSource()
        let grading = makeGrading(source)
        var info: RunInfo
        var todo = Array(plan.items.indices)
        var summary = RunSummary()
        if let previous {
            info = previous
            let done = try await store.completedSlots(runID: previous.id)
            todo = todo.filter { index in
                let item = plan.items[index]
                let slot = ResultSlot(
                    suite: plan.suites[item.suiteIndex].name, caseID: plan.testCase(item).id,
                    repeatIndex: item.repeatIndex)
                return !done.contains(slot)
            }
            summary = try await store.countSummary(runID: previous.id)
            summary.retries = previous.summary?.retries ?? 0
        } else {
            info = try plannedInfo()
            info.id = try await store.createRun(info)
        }
        let started = Date()
        summary.planned = plan.items.count
        var recorded: [String: [Recordings.Entry]] = [:]
        var storeError: PromptGateError?
        let limit = max(1, min(options.concurrency, plan.provider.maxConcurrency ?? .max))
        let runID = info.id

        await withTaskGroup(of: Outcome.self) { group in
            var cursor = 0
            func startNext() {
                guard cursor < todo.count else { return }
                let index = todo[cursor]
                cursor += 1
                group.addTask {
                    await budget?.acquire()
                    let outcome = await Self.execute(
                        plan: plan, index: index, source: source, grading: grading)
                    await budget?.release()
                    return outcome
                }
            }
            for _ in 0..<limit { startNext() }
            while let outcome = await group.next() {
                guard case .done(let result, let entries, let retries) = outcome else { continue }
                summary.retries += retries
                // Refill the slot first: the store write must not delay the next request.
                if !Task.isCancelled && storeError == nil { startNext() }
                do {
                    try await store.append(result, runID: runID)
                } catch {
                    storeError = (error as? PromptGateError) ?? .infrastructure("\(error)")
                    group.cancelAll()
                    continue
                }
                summary.add(result)
                recorded[result.suite, default: []].append(contentsOf: entries)
                progress(summary)
            }
        }
        summary.wallSeconds =
            Date().timeIntervalSince(started) + (previous?.summary?.wallSeconds ?? 0)
        let status: RunInfo.Status =
            storeError != nil
            ? .failed : (summary.total < summary.planned ? .interrupted : .completed)
        var recordings = info.recordings
        if options.mode == .record {
            for (suite, entries) in recorded.sorted(by: { $0.key < $1.key }) {
                try Recordings.write(entries, suite: suite, root: plan.project.root)
            }
            recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root
            ).files
        }
        let finishedAt = Timestamp.now()
        try await store.finish(
            runID: runID, status: status, summary: summary, finishedAt: finishedAt,
            recordings: recordings)
        if let storeError { throw storeError }
        info.status = status
        info.summary = summary
        info.finishedAt = finishedAt
        info.recordings = recordings
        return info
    }

    private func makeSource() throws(PromptGateError) -> ResponseSource {
        switch options.mode {
        case .offline:
            let recordings = try Recordings.load(
                suites: plan.suites.map(\.name), root: plan.project.root)
            try Self.checkRecordings(plan: plan, recordings: recordings)
            return ResponseSource(.recordings(recordings), records: false, cache: nil)
        case .live, .record:
            do {
                let inner = try ProviderFactory.make(
                    name: plan.providerName, config: plan.provider,
                    environment: options.environment, client: SharedHTTP.client,
                    root: plan.project.root)
                let provider = ResilientProvider(
                    inner: inner, maxRetries: plan.provider.retries ?? 3,
                    budget: RetryBudget(
                        plan.provider.retryBudget ?? max(10, plan.items.count / 10)),
                    limiter: plan.provider.rpm != nil || plan.provider.tpm != nil
                        ? RateLimiter(rpm: plan.provider.rpm, tpm: plan.provider.tpm) : nil)
                return ResponseSource(
                    .provider(provider), records: options.mode == .record,
                    cache: options.useCache ? store : nil)
            } catch {
                throw .usage(
                    error.description,
                    hint: "export \(plan.provider.apiKeyEnv ?? "the variable") first")
            }
        }
    }

    /// `--offline` fails before sending anything when a request has no recording.
    static func checkRecordings(plan: RunPlan, recordings: Recordings) throws(PromptGateError) {
        var missing: [String] = []
        for item in plan.items {
            let request = try plan.request(item)
            if recordings.response(key: request.key, repeatIndex: item.repeatIndex) == nil {
                let testCase = plan.testCase(item)
                let rep = item.repeatIndex > 0 ? " repeat \(item.repeatIndex + 1)" : ""
                missing.append(
                    "case \(testCase.id)\(rep) (\(plan.prompt.version.id)@\(plan.prompt.version.version), suite \(plan.suites[item.suiteIndex].name))"
                )
            }
        }
        guard !missing.isEmpty else { return }
        let shown = missing.prefix(10).joined(separator: ", ")
        let more = missing.count > 10 ? " and \(missing.count - 10) more" : ""
        let noun = missing.count == 1 ? "request has" : "requests have"
        throw .infrastructure(
            "\(missing.count) \(noun) no recording: \(shown)\(more); re-run with --record (recordings live in \(Recordings.directory)/)"
        )
    }

    private static func execute(
        plan: RunPlan, index: Int, source: ResponseSource, grading: GradedEvaluator?
    ) async -> Outcome {
        let item = plan.items[index]
        let testCase = plan.testCase(item)
        let suite = plan.suites[item.suiteIndex]
        var result = CaseResult(
            suite: suite.name, caseID: testCase.id, repeatIndex: item.repeatIndex, ordinal: index,
            tags: plan.tags(item), messages: [], output: nil, passed: false, score: 0,
            assertions: [], latencyMs: nil, promptTokens: nil, completionTokens: nil,
            finishReason: nil, error: nil, requestKey: "", origin: source.defaultOrigin)
        let request: ModelRequest
        do {
            request = try plan.request(item)
        } catch {
            result.error = error.description
            return .done(result, [], retries: 0)
        }
        result.messages = request.messages
        result.requestKey = request.key
        let response: ModelResponse
        do {
            (response, result.origin) = try await source.respond(
                request, repeatIndex: item.repeatIndex)
        } catch {
            if Task.isCancelled || error is CancellationError { return .cancelled }
            result.error = "\(error)"
            var retries = 0
            if case ProviderError.afterRetries(_, let n) = error { retries = n }
            return .done(result, [], retries: retries)
        }
        if Task.isCancelled { return .cancelled }
        result.output = response.text
        result.latencyMs = response.latencyMs
        result.promptTokens = response.promptTokens
        result.completionTokens = response.completionTokens
        result.finishReason = response.finishReason
        let context = AssertionContext(
            output: response.text, latencyMs: response.latencyMs,
            vars: testCase.vars.mapValues(\.plainText),
            input: request.messages.last { $0.role == "user" }?.content)
        let specs = plan.assertions(item)
        var results = specs.map { $0.evaluate(context) }
        var entries: [Recordings.Entry] = []
        if source.records {
            entries.append(
                Recordings.Entry(
                    slot: .init(key: request.key, repeatIndex: item.repeatIndex),
                    request: request.canonicalJSON, response: response))
        }
        if let grading {
            let graded = await grading.grade(
                specs, local: results, input: Self.gradingInput(plan, item, request, response))
            if graded.cancelled || Task.isCancelled { return .cancelled }
            results = graded.results
            entries += graded.recordings
            result.error = graded.error
        }
        let grade = Grader.grade(results, threshold: plan.threshold(item))
        result.passed = grade.passed
        result.score = grade.score
        result.assertions = grade.results
        return .done(result, entries, retries: response.retries)
    }
}

/// One HTTP client for the process: one event-loop thread, shared connections.
enum SharedHTTP {
    static let client = CurlClient(maxConnections: 512)
}

extension TemplateValue {
    /// The text a template would print for this value.
    var plainText: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object:
            let data =
                (try? JSONSerialization.data(
                    withJSONObject: jsonObject, options: [.sortedKeys, .fragmentsAllowed]))
                ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
