import Foundation

extension ProviderConfig {
    /// Where requests go, as recorded in each request's key: the base URL (or its default)
    /// for API types, the URL for `http`, the command for `exec`.
    public var endpoint: String {
        guard let kind else { return baseURL ?? ProviderKind.openai.defaultBaseURL ?? "" }
        return kind.endpoint(of: self)
    }

    /// Canonical JSON of the type's own settings that shape a request (body template, output
    /// path, command and arguments, API version), or nil for types that have none (openai,
    /// ollama), so their request keys stay as they were. Header names only, never values or
    /// keys: this goes into request keys, recordings and run fingerprints.
    public var requestSettings: String? {
        guard let object = kind?.requestSettings(of: self) else { return nil }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
