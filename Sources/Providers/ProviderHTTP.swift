import Basics
import Foundation
import HTTPClient

/// What the HTTP providers share: the key from the environment, headers, sending with
/// transport errors made safe, and reading a JSON reply.
enum ProviderHTTP {
    /// The key named by `api_key_env`, or nil when the provider sets none.
    static func apiKey(
        _ config: ProviderConfig, name: String, environment: [String: String]
    ) throws(ProviderError) -> String? {
        guard let variable = config.apiKeyEnv else { return nil }
        guard let key = environment[variable], !key.isEmpty else {
            throw .missingAPIKey(variable: variable, provider: name)
        }
        return key
    }

    /// `Content-Type: application/json` (unless configured) and the configured headers, sorted.
    static func headers(_ config: ProviderConfig) -> [HTTPHeader] {
        var out: [HTTPHeader] = []
        if !config.headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
            out.append(HTTPHeader(name: "Content-Type", value: "application/json"))
        }
        for (name, value) in config.headers.sorted(by: { $0.key < $1.key }) {
            out.append(HTTPHeader(name: name, value: value))
        }
        return out
    }

    /// `base` without trailing slashes.
    static func trimmed(_ base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Sends `request`; transport failures become provider errors (timeout, connection lost,
    /// transport) with the key redacted. Cancellation passes through.
    static func send(
        _ request: HTTPRequest, client: CurlClient, secret: String?
    ) async throws -> HTTPResponse {
        do {
            return try await client.send(request)
        } catch let error as HTTPClientError {
            // Timeouts and dropped connections keep their kind, so they are retried.
            throw ProviderError.from(error, redacting: secret)
        }
    }

    /// Serializes a request body with sorted keys (stable bytes for the same request).
    static func encode(_ object: [String: Any]) throws(ProviderError) -> [UInt8] {
        if let text = FoundationJSON.text(object) { return Array(text.utf8) }
        // Not JSON: JSONSerialization says why.
        do {
            return [UInt8](
                try JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw .invalidRequest("the request body could not be encoded as JSON: \(error)")
        }
    }

    /// The reply as a JSON object, or a `malformed` error for a 2xx reply that is not one.
    static func object(_ response: HTTPResponse) throws(ProviderError) -> [String: Any] {
        let json = try? JSONSerialization.jsonObject(with: Data(response.body))
        guard let object = json as? [String: Any] else {
            let reason =
                response.body.isEmpty
                ? "empty body" : json == nil ? "not JSON" : "not a JSON object"
            throw .malformed(
                status: response.status, reason: reason, excerpt: excerpt(response.body))
        }
        return object
    }

    /// An error status without a recognised error body.
    static func checkStatus(_ response: HTTPResponse) throws(ProviderError) {
        guard (200..<300).contains(response.status) else {
            throw .http(status: response.status, excerpt: excerpt(response.body))
        }
    }

}
