import Foundation

extension ProviderConfig {
    /// Where requests go, as recorded in each request's key: the base URL (or its default)
    /// for API types, the URL for `http`, the command for `exec`.
    public var endpoint: String {
        switch type {
        case "anthropic": baseURL ?? AnthropicProvider.defaultBaseURL
        case "ollama": baseURL ?? OllamaProvider.defaultBaseURL
        case "http": url ?? ""
        case "exec": command ?? ""
        default: baseURL ?? "https://api.openai.com/v1"
        }
    }

    /// Canonical JSON of the type's own settings that shape a request (body template, output
    /// path, command and arguments, API version), or nil for types that have none (openai,
    /// ollama), so their request keys stay as they were. Header names only, never values or
    /// keys: this goes into request keys, recordings and run fingerprints.
    public var requestSettings: String? {
        var object: [String: Any] = [:]
        switch type {
        case "anthropic":
            object["anthropic_version"] = anthropicVersion ?? AnthropicProvider.defaultVersion
        case "http":
            object["method"] = method ?? "POST"
            if let body { object["body"] = body }
            if let output { object["output"] = output }
            if !headers.isEmpty { object["headers"] = headers.keys.sorted() }
        case "exec":
            object["args"] = args
            object["output"] = output ?? "text"
        default:
            return nil
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
