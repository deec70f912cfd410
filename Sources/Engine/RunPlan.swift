import Assertions
import Basics
import Foundation
import PromptGateModel
import Providers
import Templates

/// One case × repeat to run: rendered lazily so a big plan costs little memory. Held as
/// three 32-bit numbers (12 bytes, not 24: a plan holds one per case × repeat).
public struct WorkItem: Sendable, Hashable {
    private let suite: Int32
    private let testCase: Int32
    private let repetition: Int32

    public init(suiteIndex: Int, caseIndex: Int, repeatIndex: Int) {
        suite = Int32(truncatingIfNeeded: suiteIndex)
        testCase = Int32(truncatingIfNeeded: caseIndex)
        repetition = Int32(truncatingIfNeeded: repeatIndex)
    }

    public var suiteIndex: Int { Int(suite) }
    public var caseIndex: Int { Int(testCase) }
    public var repeatIndex: Int { Int(repetition) }
}

/// Which prompt version runs on which suites, against which provider, how many times.
public struct RunPlan: Sendable {
    public var project: Project
    public var prompt: LoadedPrompt
    public var suites: [LoadedSuite]
    public var providerName: String
    public var provider: ProviderConfig
    public var model: String
    public var params: ModelParams
    public var repeatCount: Int
    public var items: [WorkItem]

    /// Builds the plan for `ID@VERSION` on the suites that test that prompt.
    public static func make(
        project: Project, promptRef: String, suiteNames: [String], providerOverride: String?,
        repeatCount: Int?
    ) throws(PromptGateError) -> RunPlan {
        let (id, version) = try parsePromptRef(promptRef, project: project)
        let prompt = try project.requirePrompt(id, version: version, label: "--prompt \(promptRef)")
        guard let config = project.config else {
            throw .usage("promptgate.yaml did not load; run 'promptgate validate'")
        }
        let providerName =
            providerOverride ?? prompt.version.model.provider ?? config.defaults.provider
            ?? (config.providers.count == 1 ? config.providers.keys.first : nil)
        guard let providerName, let provider = config.providers[providerName] else {
            let known = config.providers.keys.sorted()
            let name = providerOverride ?? prompt.version.model.provider ?? ""
            let hint = suggestion(for: name, among: known).map { "did you mean '\($0)'?" }
            throw .usage(
                name.isEmpty
                    ? "no provider for \(promptRef): set model.provider in the prompt or defaults.provider"
                    : "--provider \(name): not configured in promptgate.yaml (configured: \(known.joined(separator: ", ")))",
                hint: hint)
        }
        guard ProviderConfig.supportedTypes.contains(provider.type) else {
            throw .usage(
                "provider '\(providerName)' has type '\(provider.type)', which this build cannot call"
            )
        }
        guard let model = prompt.version.model.model ?? provider.model else {
            throw .usage(
                "no model for \(promptRef) on provider '\(providerName)': set model: in the provider or the prompt"
            )
        }
        var suites = project.suites.filter { $0.header.prompt.value == id }
        if !suiteNames.isEmpty {
            suites = try suiteNames.map { name throws(PromptGateError) in
                guard let suite = project.suite(named: name) else {
                    let names = project.suites.map(\.name)
                    let hint = suggestion(for: name, among: names).map { "did you mean '\($0)'?" }
                    throw .usage(
                        "--suite \(name): no such suite (suites: \(names.joined(separator: ", ")))",
                        hint: hint)
                }
                guard suite.header.prompt.value == id else {
                    throw .usage(
                        "--suite \(name) tests prompt '\(suite.header.prompt.value)', not '\(id)'")
                }
                return suite
            }
        }
        if suites.isEmpty {
            throw .usage("no suite tests prompt '\(id)'; add one in suites/ with 'prompt: \(id)'")
        }
        // Missing variables are configuration errors (exit 2), found before anything is sent.
        let renderProblems = suites.flatMap {
            RenderCheck(project: project, suite: $0, versions: [prompt]).run()
        }
        if !renderProblems.isEmpty { throw .configuration(renderProblems) }
        let repeats = repeatCount ?? config.defaults.repeat_ ?? 1
        let items = workItems(suites: suites, repeatCount: repeats)
        return RunPlan(
            project: project, prompt: prompt, suites: suites, providerName: providerName,
            provider: provider, model: model,
            params: prompt.version.model.params.overriding(provider.params), repeatCount: repeats,
            items: items)
    }

    /// Every case × repeat of the suites, in order: a case's own `repeat:` raises the count.
    package static func workItems(suites: [LoadedSuite], repeatCount: Int) -> [WorkItem] {
        func repeats(_ suite: LoadedSuite, _ c: Int) -> Int {
            max(repeatCount, suite.cases.repeatCount(at: c) ?? 0)
        }
        // Counted first: growing by doubling would hold the old and new arrays together
        // (2.4 MB instead of 1.2 at 100,000 cases).
        var items: [WorkItem] = []
        items.reserveCapacity(
            suites.reduce(0) { n, s in s.cases.indices.reduce(n) { $0 + repeats(s, $1) } })
        for (s, suite) in suites.enumerated() {
            for c in suite.cases.indices {
                for r in 0..<repeats(suite, c) {
                    items.append(WorkItem(suiteIndex: s, caseIndex: c, repeatIndex: r))
                }
            }
        }
        return items
    }

    /// `support@1.3` → ("support", "1.3").
    package static func parsePromptRef(_ ref: String, project: Project) throws(PromptGateError) -> (
        String, String
    ) {
        let parts = ref.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .usage("'\(ref)' is not a prompt version; write ID@VERSION, e.g. support@1.3")
        }
        return (parts[0], parts[1])
    }

    /// The test case of an item, decoded: read it once per use and pass it to the methods
    /// below as `case:` (each read decodes the case again).
    public func testCase(_ item: WorkItem) -> TestCase {
        suites[item.suiteIndex].cases[item.caseIndex]
    }

    /// The id of an item's case, without decoding the case.
    public func caseID(_ item: WorkItem) -> String {
        suites[item.suiteIndex].cases.id(at: item.caseIndex)
    }

    /// Renders an item's messages with its case's vars (suite defaults first).
    public func render(_ item: WorkItem, case testCase: TestCase) throws(PromptGateError)
        -> [ChatMessage]
    {
        let suite = suites[item.suiteIndex]
        var vars = suite.header.defaults.vars
        vars.merge(testCase.vars) { _, new in new }
        vars = try VarFiles.resolve(
            vars, suiteDirectory: (suite.file.absolutePath as NSString).deletingLastPathComponent,
            root: project.root)
        var out: [ChatMessage] = []
        for (index, message) in prompt.version.messages.enumerated() {
            guard let template = prompt.templates[index] else {
                throw .usage(
                    "\(prompt.file.path): messages[\(index)] has a template error; run 'promptgate validate'"
                )
            }
            do {
                out.append(ChatMessage(role: message.role, content: try template.render(vars)))
            } catch {
                throw .usage(
                    "case \(testCase.id) of \(suite.file.path): \(error.message); run 'promptgate validate'"
                )
            }
        }
        guard let history = testCase.messages ?? suite.header.defaults.messages else { return out }
        let turns: [ChatMessage]
        do {
            turns = try Self.render(history, vars: vars)
        } catch {
            throw .usage(
                "case \(testCase.id) of \(suite.file.path): messages: \(error.message); run 'promptgate validate'"
            )
        }
        // The history goes before the prompt's final user turn; a history that ends with a
        // user turn replaces it.
        guard let last = out.lastIndex(where: { $0.role == "user" }) else { return out + turns }
        if turns.last?.role == "user" { out.remove(at: last) }
        out.insert(contentsOf: turns, at: last)
        return out
    }

    /// The model request of an item.
    public func request(_ item: WorkItem, case testCase: TestCase) throws(PromptGateError)
        -> ModelRequest
    {
        ModelRequest(
            providerName: providerName, providerType: provider.type,
            baseURL: provider.endpoint, model: model, messages: try render(item, case: testCase),
            params: params, settings: provider.requestSettings, tools: prompt.version.tools,
            toolChoice: prompt.version.toolChoice, responseSchema: prompt.version.responseSchema)
    }

    /// A case's history with its vars.
    static func render(_ history: [HistoryTurn], vars: [String: TemplateValue])
        throws(TemplateError) -> [ChatMessage]
    {
        var out: [ChatMessage] = []
        for turn in history {
            let content = try turn.template?.render(vars) ?? ""
            var calls: [ToolCall] = []
            for call in turn.toolCalls {
                calls.append(
                    ToolCall(
                        id: call.id, name: call.name,
                        arguments: try call.renderArguments(vars)))
            }
            out.append(
                ChatMessage(
                    role: turn.role, content: content, toolCalls: calls,
                    toolCallID: turn.toolCallID?.value, toolName: turn.name))
        }
        return out
    }

    /// The stubs of an item's case (the suite's defaults, the case's per tool name over
    /// them); empty when the case is not an agent loop.
    public func toolStubs(_ item: WorkItem, case testCase: TestCase) -> [String: ToolStub] {
        let defaults = suites[item.suiteIndex].header.defaults.toolResults
        let own = testCase.toolResults
        if defaults.isEmpty { return own }
        return defaults.merging(own) { _, new in new }
    }

    public func maxSteps(_ item: WorkItem, case testCase: TestCase) -> Int {
        testCase.maxSteps ?? suites[item.suiteIndex].header.defaults.maxSteps
            ?? TestCase.defaultMaxSteps
    }

    /// The assertions that apply to an item: the suite's defaults, then the case's own.
    public func assertions(_ item: WorkItem, case testCase: TestCase) -> [AssertionSpec] {
        suites[item.suiteIndex].header.defaults.assert + testCase.assert
    }

    /// What an item's assertions are checked against: its output and trajectory (live or
    /// stored), its vars, and the prompt version's tools and response schema. One place, so a
    /// run and a regrade grade alike.
    public func assertionContext(
        _ item: WorkItem, case testCase: TestCase, output: String, latencyMs: Double?,
        input: String?, trajectory: [AgentStep]
    ) -> AssertionContext {
        AssertionContext(
            output: output, latencyMs: latencyMs,
            vars: testCase.vars.mapValues(\.plainText), input: input,
            trajectory: trajectory, tools: prompt.version.tools,
            responseSchema: prompt.version.responseSchema)
    }

    public func threshold(_ item: WorkItem, case testCase: TestCase) -> Double? {
        testCase.threshold ?? suites[item.suiteIndex].header.defaults.threshold
    }

    public func tags(_ item: WorkItem, case testCase: TestCase) -> [String] {
        var tags = suites[item.suiteIndex].header.defaults.tags
        for tag in testCase.tags where !tags.contains(tag) { tags.append(tag) }
        return tags
    }
}
