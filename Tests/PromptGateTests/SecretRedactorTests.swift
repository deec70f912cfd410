import Foundation
import Providers
import Testing

/// What the redactor replaces: whole secrets anywhere, common masked echoes, nothing short.
@Suite struct SecretRedactorTests {
    static let key = "sk-test-SECRET-123"
    let redactor = SecretRedactor(values: [Self.key])

    @Test func wholeValuesAnywhere() {
        #expect(
            redactor.redact("Incorrect API key provided: Bearer sk-test-SECRET-123.")
                == "Incorrect API key provided: Bearer [REDACTED].")
        #expect(redactor.redact("sk-test-SECRET-123sk-test-SECRET-123") == "[REDACTED][REDACTED]")
        #expect(redactor.redact("a\nsk-test-SECRET-123\n☃") == "a\n[REDACTED]\n☃")
        #expect(redactor.redact("sk-test-SECRET-12 is not it") == "sk-test-SECRET-12 is not it")
        #expect(redactor.redact("") == "")
    }

    @Test func maskedEchoes() {
        #expect(
            redactor.redact("key: sk-test-SECR****-123, try again")
                == "key: [REDACTED], try again")
        #expect(redactor.redact("sk-test-********-123") == "[REDACTED]")
        #expect(redactor.redact("sk-test-SE•••••") == "[REDACTED]")
        // Too little of the key shows to be it: left alone.
        #expect(redactor.redact("sk-****") == "sk-****")
        #expect(redactor.redact("**bold** and ***") == "**bold** and ***")
    }

    @Test func valuesCutOffByAnExcerpt() {
        #expect(
            redactor.redact("provided: Bearer sk-test-SECRE…") == "provided: Bearer [REDACTED]…")
        #expect(redactor.redact("provided: sk-test-SECRET-1") == "provided: [REDACTED]")
        #expect(redactor.redact("sk-test at the end") == "sk-test at the end")
        #expect(redactor.redact("ends in sk-te") == "ends in sk-te")
    }

    @Test func shortAndEmptyValuesAreIgnored() {
        let r = SecretRedactor(values: ["", "abc", "1234567"])
        #expect(r.isEmpty)
        #expect(r.redact("abc 1234567") == "abc 1234567")
        #expect(SecretRedactor(values: ["12345678"]).redact("x12345678x") == "x[REDACTED]x")
    }

    @Test func theLongerOfOverlappingSecretsWins() {
        let r = SecretRedactor(values: ["tok-abcdefgh", "tok-abcdefgh-ijkl"])
        #expect(r.redact("tok-abcdefgh-ijkl tok-abcdefgh") == "[REDACTED] [REDACTED]")
    }

    @Test func providersAndTheEnvironment() {
        let providers = [
            "oa": ProviderConfig(type: "openai", apiKeyEnv: "ODD_NAME"),
            "app": ProviderConfig(type: "exec", command: "./a", env: ["APP_TOKEN", "APP_MODE"]),
        ]
        let environment = [
            "ODD_NAME": "value-of-odd-name", "APP_TOKEN": "token-value-1", "APP_MODE": "production",
            "GITHUB_TOKEN": "ghp_0123456789", "HOME": "/home/someone-long",
        ]
        let r = SecretRedactor.forProviders(providers, environment: environment)
        #expect(r.redact("value-of-odd-name") == "[REDACTED]")
        #expect(r.redact("token-value-1") == "[REDACTED]")
        #expect(r.redact("ghp_0123456789") == "[REDACTED]")
        #expect(r.redact("production /home/someone-long") == "production /home/someone-long")
    }

    @Test func errorsKeepTheirKindAndLoseTheSecret() {
        let error = ProviderError.afterRetries(
            .apiError(status: 401, message: "Incorrect API key provided: Bearer \(Self.key)"),
            retries: 1)
        #expect(
            error.redacted(by: redactor)
                == .afterRetries(
                    .apiError(
                        status: 401, message: "Incorrect API key provided: Bearer [REDACTED]"),
                    retries: 1))
        let response = ModelResponse(
            text: "your key is \(Self.key)", finishReason: nil, promptTokens: 1,
            completionTokens: 2, latencyMs: 3)
        #expect(redactor.redact(response).text == "your key is [REDACTED]")
        #expect(redactor.redact(response).promptTokens == 1)
    }

    @Test func retryBudgetExhaustionIsNamed() {
        let error = ProviderError.retryBudgetExhausted(.http(status: 500, excerpt: "x"), retries: 0)
        #expect(error.description == "HTTP 500: x (not retried: retry budget exhausted)")
        let after = ProviderError.retryBudgetExhausted(.http(status: 500, excerpt: "x"), retries: 2)
        #expect(after.description == "HTTP 500: x (after 2 retries; retry budget exhausted)")
        #expect(after.retries == 2)
    }
}
