import Foundation
import HTTPClient
import Providers
import TestKit

/// Requests and clients the provider tests share.
enum ProviderFixture {
    static let client = CurlClient()

    static func request(
        type: String, baseURL: String, settings: String? = nil,
        messages: [ChatMessage] = [
            ChatMessage(role: "system", content: "Be brief."),
            ChatMessage(role: "user", content: "Hi \"there\""),
        ],
        params: ModelParams = ModelParams()
    ) -> ModelRequest {
        ModelRequest(
            providerName: "p", providerType: type, baseURL: baseURL, model: "m-1",
            messages: messages, params: params, settings: settings)
    }

    /// Runs `body` and returns the ProviderError it throws (nil when it succeeds or throws
    /// anything else).
    static func providerError(_ body: () async throws -> Void) async -> ProviderError? {
        do {
            try await body()
            return nil
        } catch let error as ProviderError {
            return error
        } catch {
            return nil
        }
    }
}
