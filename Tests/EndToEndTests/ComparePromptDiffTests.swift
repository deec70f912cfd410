import Foundation
import TestKit
import Testing

/// `compare` shows what changed in the prompt beside what changed in the outputs, in every
/// format: each changed message's word diff, the model settings removed and added, and the
/// candidate's changelog; hostile prompt text stays escaped.
@Suite struct ComparePromptDiffTests {
    static let v2 = """
        id: bot
        version: "2.0"
        parent: "1.0"
        changelog: "Answer in the user's language <b>now</b>"
        model: { temperature: 0.7 }
        messages:
          - role: system
            content: You are a careful test bot. ```` <script>x</script>
          - role: user
            content: "{{ q }}"

        """

    private func project(_ server: FakeModelServer) throws -> TempProject {
        let project = try E2EProject.make(
            server: server,
            suites: [
                "s": E2EProject.suite(cases: [("a", "hello", ["{ type: contains, value: ok }"])])
            ])
        try project.write("prompts/bot/v2.0.yaml", Self.v2)
        return project
    }

    private func compare(_ format: String, in project: TempProject) async throws -> String {
        let result = try await CLIProcess.run(
            ["compare", "bot@1.0", "bot@2.0", "--format", format], in: project.root,
            environment: E2EProject.env)
        #expect(result.status == 0, "\(format): \(result.stderr)")
        return result.stdout
    }

    @Test func everyFormatShowsThePromptDiff() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try project(server)

        let text = try await compare("text", in: project)
        #expect(text.contains("prompt: bot@1.0 → bot@2.0"))
        #expect(text.contains("message 1 (system):"))
        #expect(text.contains("You are a {+careful +}test bot."), "\(text)")
        #expect(text.contains("+ temperature: 0.7"))
        #expect(text.contains("changelog (bot@2.0): Answer in the user's language"))

        let markdown = try await compare("markdown", in: project)
        let title = try #require(markdown.range(of: "## promptgate compare:"))
        let prompt = try #require(markdown.range(of: "Prompt changes"))
        let summary = try #require(markdown.range(of: "| Measure | Value |"))
        #expect(title.upperBound <= prompt.lowerBound && prompt.upperBound <= summary.lowerBound)
        #expect(markdown.contains("+ temperature: 0.7"))
        // The prompt's own backticks cannot close the fence, its HTML is not markup.
        #expect(markdown.contains("`````text\nYou are a {+careful +}test bot."), "\(markdown)")
        #expect(markdown.contains("&lt;b&gt;now&lt;/b&gt;") || markdown.contains("\\<b\\>now"))
        #expect(!markdown.contains("<b>now</b>"))

        let html = try await compare("html", in: project)
        #expect(html.contains("<section class=\"prompt-diff\">"))
        #expect(html.contains("You are a <ins>careful </ins>test bot."))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(!html.contains("<script>x</script>"))
        #expect(html.contains("<ins>+ temperature: 0.7</ins>"))

        let json = try E2EProject.json(try await compare("json", in: project))
        let diff = try #require(json["prompt_diff"] as? [String: Any])
        #expect(diff["identical"] as? Bool == false)
        #expect(diff["settings_added"] as? [String] == ["temperature: 0.7"])
        let changed = try #require(diff["messages_changed"] as? [[String: Any]])
        #expect(changed.count == 1)
        #expect(changed.first?["index"] as? Int == 0)
        let candidate = try #require(diff["candidate"] as? [String: Any])
        #expect(candidate["changelog"] as? String == "Answer in the user's language <b>now</b>")
    }

    @Test func aLongPromptDiffIsCollapsedInMarkdown() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try project(server)
        let long = (1...80).map { "Rule \($0): be precise about item \($0)." }.joined(
            separator: " ")
        try project.write(
            "prompts/bot/v2.0.yaml",
            Self.v2.replacingOccurrences(
                of: "You are a careful test bot. ```` <script>x</script>", with: "'\(long)'"))
        let markdown = try await compare("markdown", in: project)
        #expect(
            markdown.contains(
                "<details>\n<summary><b>Prompt changes</b>: bot@1.0 → bot@2.0</summary>"))
    }

    @Test func identicalPromptsSaySo() async throws {
        let server = try await FakeModelServer.start()
        defer { server.stop() }
        let project = try project(server)
        try project.write(
            "prompts/bot/v2.0.yaml",
            E2EProject.prompt.replacingOccurrences(of: "\"1.0\"", with: "\"2.0\""))
        let text = try await compare("text", in: project)
        #expect(text.contains("prompt: bot@1.0 → bot@2.0 — messages and settings identical"))
    }
}
