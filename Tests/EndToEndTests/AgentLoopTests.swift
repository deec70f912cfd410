import Foundation
import TestKit
import Testing

/// Agent loops through the built binary against fake-model scripting tool calls: stubs
/// answered and sent back, `max_steps` and failing stubs as errors, histories rendered.
@Suite struct AgentLoopTests {
    static let script = """
        {"rules": [
          {"match_tool": "shipped", "reply": "Your order has shipped."},
          {"match_tool": "", "reply": "I could not find it."},
          {"match": "LOOP", "tool_calls": [{"name": "lookup_order", "arguments": {"order_id": "A-9"}}]},
          {"match": "order", "tool_calls": [{"name": "lookup_order", "arguments": {"order_id": "A-1"}}]}
        ]}
        """

    static let prompt = """
        id: bot
        version: "1.0"
        tools:
          - name: lookup_order
            description: Look up an order
            parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] }
        messages:
          - role: system
            content: You are a test bot.
          - role: user
            content: "{{ q }}"

        """

    static func project(_ server: FakeModelServer, suite: String, prompt: String = prompt) throws
        -> TempProject
    {
        try TempProject(files: [
            "promptgate.yaml": E2EProject.config(baseURL: server.baseURL),
            "prompts/bot/v1.0.yaml": prompt, "suites/s.yaml": suite,
        ])
    }

    static let suite = """
        suite: s
        prompt: bot
        defaults:
          tool_results:
            lookup_order:
              match:
                - arguments: { order_id: A-1 }
                  result: { status: shipped }
                - result: { error: not found }
        cases:
          - id: two-steps
            vars: { q: "Where is my order?" }
            assert:
              - { type: tool-called, value: lookup_order, times: 1 }
              - { type: tool-args, tool: lookup_order, value: { order_id: A-1 } }
              - { type: valid-tool-call }
              - { type: icontains, value: shipped }
          - id: wrong-args
            vars: { q: "Where is my order?" }
            assert:
              - { type: tool-args, tool: lookup_order, value: { order_id: A-2 } }
          - id: loops
            vars: { q: "LOOP" }
            max_steps: 2
            tool_results:
              lookup_order: { result: "still looking" }
          - id: failing-stub
            vars: { q: "Where is my order?" }
            tool_results:
              lookup_order: { exec: [sh, -c, "echo broken >&2; exit 3"] }
          - id: plain
            vars: { q: "hello" }
            assert:
              - { type: no-tool-call }

        """

    @Test func aTwoStepLoopPassesAndMaxStepsAndFailingStubsAreErrors() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        let project = try Self.project(server, suite: Self.suite)
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        // Cases that end in an error make the run exit 3.
        #expect(result.status == 3, "\(result.stderr)")
        let byID = E2EProject.cases(try E2EProject.json(result.stdout))
        #expect(byID["two-steps#0"]?["passed"] as? Bool == true, "\(byID["two-steps#0"] ?? [:])")
        #expect(byID["two-steps#0"]?["output"] as? String == "Your order has shipped.")
        #expect(byID["plain#0"]?["passed"] as? Bool == true, "\(byID["plain#0"] ?? [:])")
        let wrong = byID["wrong-args#0"]?["assertions"] as? [[String: Any]]
        #expect(byID["wrong-args#0"]?["passed"] as? Bool == false)
        #expect(
            wrong?.first?["reason"] as? String
                == #"arguments of 'lookup_order': call 1: '{"order_id":"A-1"}' does not contain '{"order_id":"A-2"}'"#
        )
        #expect(
            byID["loops#0"]?["error"] as? String
                == "max_steps (2) reached: reply 2 still calls lookup_order; raise max_steps or fix the prompt"
        )
        #expect(
            byID["failing-stub#0"]?["error"] as? String
                == "step 1: stub of 'lookup_order': 'sh' exited with status 3: broken")
        // Each step is its own request: the three cases asking "Where is my order?" share
        // their first step (sent once), two-steps and wrong-args their second; loops sends
        // two, plain one.
        let stats = try await server.stats()
        #expect(stats["requests"] as? Int == 5, "\(stats)")
    }

    @Test func recordedTrajectoriesReplayOfflineByteIdentical() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        let project = try Self.project(server, suite: Self.suite)
        let recorded = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--record", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        server.stop()
        #expect(recorded.status == 3, "\(recorded.stderr)")
        let recording = project.read("suites/recordings/s.jsonl") ?? ""
        #expect(recording.contains(#""role":"tool""#), "the second step's request is recorded")
        let offline = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--offline", "--format", "json"], in: project.root,
            environment: [:])
        #expect(offline.status == 3, "\(offline.stderr)")
        let live = E2EProject.cases(try E2EProject.json(recorded.stdout))
        let replay = E2EProject.cases(try E2EProject.json(offline.stdout))
        for id in ["two-steps#0", "wrong-args#0", "loops#0", "plain#0"] {
            #expect(live[id]?["output"] as? String == replay[id]?["output"] as? String, "\(id)")
            #expect(live[id]?["passed"] as? Bool == replay[id]?["passed"] as? Bool, "\(id)")
            #expect(live[id]?["error"] as? String == replay[id]?["error"] as? String, "\(id)")
        }
    }

    @Test func historiesGoBeforeTheFinalUserTurnOrReplaceIt() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let suite = """
            suite: s
            prompt: bot
            cases:
              - id: inserted
                vars: { q: "final", name: Ann }
                messages:
                  - { role: user, content: "Hi, I am {{ name }}" }
                  - { role: assistant, content: "Hello {{ name }}!" }
              - id: replaced
                vars: { q: "unused", name: Bob }
                messages:
                  - { role: user, content: "I am {{ name }}" }

            """
        let project = try Self.project(server, suite: suite)
        let result = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--record", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 0, "\(result.stderr)")
        let byID = E2EProject.cases(try E2EProject.json(result.stdout))
        #expect(byID["inserted#0"]?["output"] as? String == "echo: final")
        #expect(byID["replaced#0"]?["output"] as? String == "echo: I am Bob")
        let recording = project.read("suites/recordings/s.jsonl") ?? ""
        #expect(
            recording.contains(
                #"[{"content":"You are a test bot.","role":"system"},{"content":"Hi, I am Ann","role":"user"},{"content":"Hello Ann!","role":"assistant"},{"content":"final","role":"user"}]"#
            ), "\(recording)")
    }

    @Test func historyAndToolErrorsArePositioned() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let suite = """
            suite: s
            prompt: bot
            cases:
              - id: c
                vars: { q: x }
                messages:
                  - { role: user, content: "hi" }
                  - { role: tool, tool_call_id: c9, content: "{}" }
              - id: d
                vars: { q: x }
                messages:
                  - { role: robot, content: "hi" }
              - id: e
                vars: { q: x }
                max_steps: 0

            """
        let badPrompt = Self.prompt.replacingOccurrences(
            of: "\nmessages:", with: "\ntool_choice: lookup_ordr\nmessages:")
        let project = try Self.project(server, suite: suite, prompt: badPrompt)
        let result = try await CLIProcess.run(["validate"], in: project.root, environment: [:])
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
            .map(String.init)
        #expect(
            lines.contains(
                "suites/s.yaml:8:37: error: cases[0].messages[1].tool_call_id: tool_call_id 'c9' answers no earlier call; add the assistant turn with its tool_calls before this turn"
            ), "\(result.stdout)")
        #expect(
            lines.contains(
                "suites/s.yaml:12:17: error: cases[1].messages[0].role: unknown role 'robot' (use user, assistant, tool or system)"
            ), "\(result.stdout)")
        #expect(
            lines.contains(
                "suites/s.yaml:15:16: error: cases[2].max_steps: max_steps is between 1 and 100, got 0"
            ), "\(result.stdout)")
        #expect(
            lines.contains(
                "prompts/bot/v1.0.yaml:7:14: error: tool_choice: tool_choice 'lookup_ordr' is not a declared tool; did you mean 'lookup_order'?"
            ), "\(result.stdout)")
    }

    @Test func changingToolsSendsANewRequest() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let suite = E2EProject.suite(cases: [("a", "hello", [])])
        let project = try Self.project(server, suite: suite)
        func cached() async throws -> Int {
            let result = try await CLIProcess.run(
                ["run", "--prompt", "bot@1.0", "--format", "json"], in: project.root,
                environment: E2EProject.env)
            let summary = try E2EProject.json(result.stdout)["summary"] as? [String: Any]
            return summary?["cached"] as? Int ?? -1
        }
        #expect(try await cached() == 0)
        #expect(try await cached() == 1)
        for (old, new) in [
            ("description: Look up an order", "description: Find an order"),
            ("\nmessages:", "\ntool_choice: required\nmessages:"),
            ("\nmessages:", "\nresponse_format: { json_schema: { type: object } }\nmessages:"),
        ] {
            let text = project.read("prompts/bot/v1.0.yaml") ?? ""
            try project.write(
                "prompts/bot/v1.0.yaml", text.replacingOccurrences(of: old, with: new))
            #expect(try await cached() == 0, "\(new) must change the request key")
        }
    }
    @Test func regradeChecksToolAssertionsAgainstTheStoredTrajectory() async throws {
        let server = try await FakeModelServer.start(script: Self.script)
        defer { server.stop() }
        func suite(_ wanted: String) -> String {
            """
            suite: s
            prompt: bot
            defaults:
              tool_results: { lookup_order: { result: { status: shipped } } }
            cases:
              - id: args
                vars: { q: "Where is my order?" }
                assert: [{ type: tool-args, tool: lookup_order, value: { order_id: \(wanted) } }]
              - id: called
                vars: { q: "Where is my order?" }
                assert: [{ type: tool-sequence, value: [lookup_order], strict: true }]
              - id: plain
                vars: { q: "hello" }
                assert: [{ type: no-tool-call }]

            """
        }
        let project = try Self.project(server, suite: suite("A-1"))
        let run = try await CLIProcess.run(
            ["run", "--prompt", "bot@1.0", "--quiet"], in: project.root,
            environment: E2EProject.env)
        #expect(run.status == 0, "\(run.stderr)")
        let requests = try await server.stats()["requests"] as? Int
        try project.write("suites/s.yaml", suite("A-2"))
        let regrade = try await CLIProcess.run(
            ["regrade", "run:1", "--format", "json"], in: project.root,
            environment: E2EProject.env)
        #expect(regrade.status == 1, "\(regrade.stderr)")
        let report = try E2EProject.json(regrade.stdout)
        let changes = report["changes"] as? [[String: Any]] ?? []
        // Only the edited assertion flips: the stored calls still satisfy the others.
        #expect(changes.map { $0["id"] as? String } == ["args"], "\(regrade.stdout)")
        #expect(changes.first?["passed_now"] as? Bool == false)
        let summary = report["summary"] as? [String: Any]
        #expect(summary?["passed"] as? Int == 2 && summary?["failed"] as? Int == 1)
        #expect(try await server.stats()["requests"] as? Int == requests, "no model request")
    }
}
