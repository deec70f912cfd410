import Engine
import Foundation
import ProjectValidation
import Providers
import TestKit
import Testing

/// The provider kinds, the settings every provider is made from, and the per-provider budgets.
@Suite struct ProviderKindTests {
    @Test func everyTypeIsAKindInTheOrderMessagesList() {
        #expect(ProviderConfig.knownTypes == ["openai", "anthropic", "ollama", "http", "exec"])
        #expect(ProviderConfig.supportedTypes == ProviderConfig.knownTypes)
        for kind in ProviderKind.allCases {
            #expect(ProviderConfig(type: kind.rawValue).kind == kind)
        }
        #expect(ProviderConfig(type: "grpc").kind == nil)
        #expect(ProviderKind.openai.keys.contains("embedding_model"))
        #expect(!ProviderKind.ollama.keys.contains("embedding_model"))
        #expect(ProviderKind.allCases.filter(\.servesEmbeddings) == [.openai])
        #expect(ProviderKind.http.defaultBaseURL == nil && ProviderKind.exec.defaultBaseURL == nil)
    }

    @Test func theTimeoutIsTheProvidersElseTheProjectDefaultElseSixty() throws {
        func timeout(_ own: Double?, _ projectDefault: Double?) throws -> Double {
            try ProviderSettings(
                name: "p", config: ProviderConfig(type: "openai", timeout: own), environment: [:],
                defaultTimeout: projectDefault
            ).timeout
        }
        #expect(try timeout(5, 9) == 5)
        #expect(try timeout(nil, 9) == 9)
        #expect(try timeout(nil, nil) == 60)
        #expect(ProviderKind.defaultTimeout == 60)
    }

    @Test func settingsReadTheKeyOnceAndNeverShowIt() throws {
        let config = ProviderConfig(type: "openai", apiKeyEnv: "OPENAI_API_KEY")
        let settings = try ProviderSettings(
            name: "oa", config: config, environment: ["OPENAI_API_KEY": "sk-SECRET-1"])
        #expect(!"\(settings)".contains("SECRET"), "\(settings)")
        let provider = OpenAIProvider(settings, client: ProviderFixture.client)
        #expect(!"\(provider)".contains("SECRET"), "\(provider)")
        #expect(throws: ProviderError.missingAPIKey(variable: "OPENAI_API_KEY", provider: "oa")) {
            try ProviderSettings(name: "oa", config: config, environment: [:])
        }
    }

    @Test func aDefaultsTimeoutThatIsNotPositiveIsAnErrorAtIt() throws {
        let src = MarkedSource(
            """
            providers:
              oa: { type: openai, model: m }
            defaults: { provider: oa, timeout: 1️⃣0 }

            """)
        let project = try TempProject(files: [
            "promptgate.yaml": src.text, "prompts/support/v1.0.yaml": ProviderConfigTests.prompt,
        ])
        let headlines = try Validation.run(root: project.root).1.diagnostics.map(\.headline)
        #expect(
            headlines == [
                "promptgate.yaml:\(src.position("1️⃣")): error: defaults.timeout: timeout must be a positive number of seconds"
            ])
    }

    /// A provider made without its own `timeout` stops at the project's default.
    @Test func theFactoryAppliesTheProjectDefaultTimeout() async throws {
        let provider = try ProviderFactory.make(
            name: "slow", config: ProviderConfig(type: "exec", command: "/bin/sleep", args: ["30"]),
            environment: ["PATH": "/usr/bin:/bin"], client: ProviderFixture.client, root: "/",
            defaultTimeout: 0.3)
        let request = ProviderFixture.request(type: "exec", baseURL: "/bin/sleep")
        let error = await ProviderFixture.providerError { _ = try await provider.complete(request) }
        #expect(error == .command("command '/bin/sleep' timed out after 0.3 s and was killed"))
    }

    @Test func unknownTypesAreRefusedByTheFactory() {
        #expect(throws: ProviderError.self) {
            try ProviderFactory.make(
                name: "x", config: ProviderConfig(type: "grpc"), environment: [:],
                client: ProviderFixture.client, root: "/")
        }
    }

    @Test func oneBudgetPerProviderName() async {
        let budgets = ProviderBudgets()
        let a = budgets.budget(for: "a", maxConcurrency: 1)
        #expect(a != nil)
        #expect(a === budgets.budget(for: "a", maxConcurrency: 1))
        #expect(a !== budgets.budget(for: "b", maxConcurrency: 1))
        #expect(budgets.budget(for: "c", maxConcurrency: nil) == nil)
        #expect(a !== ProviderBudgets().budget(for: "a", maxConcurrency: 1))
    }
}
