import Foundation
import ProjectValidation
import Providers
import TestKit
import Testing

/// Per-type provider keys, checked by `validate` with positions.
@Suite struct ProviderConfigTests {
    static let prompt = """
        id: support
        version: "1.0"
        messages:
          - role: user
            content: "{{ q }}"

        """

    func headlines(_ config: String) throws -> [String] {
        let project = try TempProject(files: [
            "promptgate.yaml": config, "prompts/support/v1.0.yaml": Self.prompt,
            "bin/answer": "#!/bin/sh\necho hi\n",
        ])
        // The exec provider's program exists and runs: validate looks it up.
        #expect(chmod(project.path("bin/answer"), 0o755) == 0)
        return try Validation.run(root: project.root).1.diagnostics.map(\.headline)
    }

    func expectOne(_ marked: String, _ message: String) throws {
        let src = MarkedSource(marked)
        let got = try headlines(src.text)
        #expect(
            got == [
                "promptgate.yaml:\(src.position("1️⃣")): error: \(message)"
            ])
    }

    @Test func everyTypeValidatesWhenComplete() throws {
        let config = """
            providers:
              oa: { type: openai, base_url: "http://127.0.0.1:9/v1", model: m, embedding_model: e }
              claude: { type: anthropic, model: m, api_key_env: ANTHROPIC_API_KEY, anthropic_version: "2023-06-01" }
              llama: { type: ollama, model: m }
              app:
                type: http
                url: https://app.test/chat
                api_key_env: APP_TOKEN
                api_key_header: X-Key
                body: '{"q": {{ prompt | json }}, "m": {{ messages | json }}}'
                output: $.data.reply
              local: { type: exec, command: ./bin/answer, args: [--fast], output: json, model: m }
            defaults: { provider: oa }

            """
        #expect(try headlines(config) == [])
    }

    @Test func httpWithoutURLIsPositionedAtTheProvider() throws {
        try expectOne(
            """
            providers:
              app:
                1️⃣type: http
                output: $.a
            """,
            "providers.app: provider type 'http' needs 'url' (the endpoint, e.g. https://example.com/chat)"
        )
    }

    @Test func execWithoutCommandIsPositionedAtTheProvider() throws {
        try expectOne(
            """
            providers:
              app: 1️⃣{ type: exec, args: [x] }
            """,
            "providers.app: provider type 'exec' needs 'command', the program to run (e.g. ./bin/answer)"
        )
    }

    @Test func httpPostWithoutBodyOrOutput() throws {
        try expectOne(
            """
            providers:
              app:
                1️⃣type: http
                url: https://x.test
                output: $.a
            """,
            "providers.app: provider type 'http' with method POST needs 'body', a JSON template such as '{\"input\": {{ prompt | json }}}'"
        )
        try expectOne(
            """
            providers:
              app:
                1️⃣type: http
                url: https://x.test
                method: get
            """,
            "providers.app: provider type 'http' needs 'output', a JSON path to the reply such as $.data.reply"
        )
    }

    @Test func aKeyOfAnotherTypeIsPositionedAtItsValue() throws {
        try expectOne(
            """
            providers:
              oa: { type: openai, model: m, command: 1️⃣./x }
            """,
            "providers.oa.command: 'command' does not apply to provider type 'openai' (it is a key of type exec); valid keys for openai: base_url, api_key_env, headers, embedding_model"
        )
    }

    @Test func badValuesArePositionedAtTheValue() throws {
        try expectOne(
            """
            providers:
              app: { type: http, url: "https://x.test", body: "{}", output: 1️⃣data.reply }
            """,
            "providers.app.output: output: a JSON path starts with '$', e.g. $.data.reply (at character 1)"
        )
        try expectOne(
            """
            providers:
              app: { type: http, url: "https://x.test", body: 1️⃣"{{ promt | json }}", output: $.a }
            """,
            "providers.app.body: the body uses 'promt', which is not defined; did you mean 'prompt'? (available: messages, prompt, system, model, params, tools, tool_choice, response_schema)"
        )
        try expectOne(
            """
            providers:
              app: { type: http, url: 1️⃣"ftp://x.test", body: "{}", output: $.a }
            """,
            "providers.app.url: url must start with http:// or https://, got 'ftp://x.test'; providers are called over HTTP, not ftp: use 'https://x.test' or 'http://x.test'"
        )
        try expectOne(
            """
            providers:
              app: { type: http, url: "https://x", body: "{}", output: $.a, api_key_prefix: 1️⃣"T " }
            """,
            "providers.app.api_key_prefix: 'api_key_prefix' only applies with api_key_env, the variable that holds the key"
        )
        try expectOne(
            """
            providers:
              app: { type: exec, command: ./a, output: 1️⃣yaml }
            """,
            "providers.app.output: output: expected text, json or a JSON path such as $.output, got 'yaml'"
        )
        try expectOne(
            """
            providers:
              app: { type: http, url: "https://x", method: 1️⃣FETCH, output: $.a }
            """,
            "providers.app.method: method must be one of GET, POST, PUT, PATCH, DELETE, got 'FETCH'"
        )
    }

    @Test func execEnvNamesVariablesAndABadNameIsPositionedAtItsItem() throws {
        let good = """
            providers:
              app: { type: exec, command: /bin/sh, env: [APP_TOKEN, _X1, APP_TOKEN] }
            defaults: { provider: app }

            """
        #expect(try headlines(good) == [])
        try expectOne(
            """
            providers:
              app: { type: exec, command: ./a, env: [APP_TOKEN, 1️⃣"sk-live=1"] }
            """,
            "providers.app.env[1]: 'sk-live=1' is not an environment variable name (letters, digits and _, not starting with a digit); env lists the names of the variables the command gets, never their values"
        )
        try expectOne(
            """
            providers:
              oa: { type: openai, model: m, env: 1️⃣[A] }
            """,
            "providers.oa.env: 'env' does not apply to provider type 'openai' (it is a key of type exec); valid keys for openai: base_url, api_key_env, headers, embedding_model"
        )
        // Names only shape the child's environment, not the request key.
        let plain = ProviderConfig(type: "exec", command: "./a")
        let named = ProviderConfig(type: "exec", command: "./a", env: ["APP_TOKEN"])
        #expect(plain.requestSettings == named.requestSettings)
    }

    @Test func openAIRequestKeysAreUnchangedByTypeSettings() {
        let config = ProviderConfig(type: "openai", baseURL: "http://h/v1", apiKeyEnv: "K")
        #expect(config.requestSettings == nil)
        let request = ModelRequest(
            providerName: "p", providerType: "openai", baseURL: config.endpoint, model: "m",
            messages: [ChatMessage(role: "user", content: "q")], params: ModelParams(),
            settings: config.requestSettings)
        #expect(
            request.canonicalJSON
                == #"{"base_url":"http://h/v1","messages":[{"content":"q","role":"user"}],"model":"m","params":{},"type":"openai"}"#
        )
        #expect(ProviderConfig(type: "openai").endpoint == "https://api.openai.com/v1")
        let exec = ProviderConfig(type: "exec", command: "./a", args: ["x"])
        #expect(exec.endpoint == "./a")
        #expect(exec.requestSettings == #"{"args":["x"],"output":"text"}"#)
    }
}
