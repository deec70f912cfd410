import Foundation
import HTTPClient

/// Anything that turns texts into vectors (for similarity assertions).
public protocol EmbeddingProvider: Sendable {
    /// One vector per text, in order.
    func embed(_ texts: [String]) async throws -> [[Double]]
}

/// OpenAI-compatible `POST {base_url}/embeddings`; the model is `embedding_model`, else `model`.
public struct OpenAIEmbeddingProvider: EmbeddingProvider, ConnectedProvider {
    public let model: String
    private let connection: ProviderConnection
    public var name: String { connection.settings.name }
    public var config: ProviderConfig { connection.settings.config }

    /// Needs `embedding_model` or `model`.
    public init(_ settings: ProviderSettings, client: CurlClient) throws(ProviderError) {
        guard let model = settings.config.embeddingModel ?? settings.config.model else {
            throw .invalidRequest(
                "provider '\(settings.name)' has no embedding model; set embedding_model (or model)"
            )
        }
        self.model = model
        connection = ProviderConnection(settings, client: client)
    }

    static func endpoint(_ baseURL: String) -> String {
        ProviderHTTP.trimmed(baseURL) + "/embeddings"
    }

    public func embed(_ texts: [String]) async throws -> [[Double]] {
        if texts.isEmpty { return [] }
        let response = try await connection.post(
            Self.endpoint(config.endpoint),
            body: try ProviderHTTP.encode(["model": model, "input": texts]), key: .bearer)
        return try Self.parse(response, count: texts.count)
    }

    /// `data[].embedding`, ordered by `index`; exactly `count` vectors of one dimension.
    static func parse(_ response: HTTPResponse, count: Int) throws(ProviderError) -> [[Double]] {
        let status = response.status
        let json = try? JSONSerialization.jsonObject(with: Data(response.body))
        if let object = json as? [String: Any], let error = object["error"] {
            let message =
                (error as? [String: Any])?["message"] as? String ?? (error as? String)
                ?? excerpt(response.body)
            throw .apiError(status: status, message: String(message.prefix(300)))
        }
        try ProviderHTTP.checkStatus(response)
        let object = try ProviderHTTP.object(response)
        func malformed(_ reason: String) -> ProviderError {
            .malformed(status: status, reason: reason, excerpt: excerpt(response.body))
        }
        guard let data = object["data"] as? [Any] else { throw malformed("no 'data'") }
        var vectors = [[Double]?](repeating: nil, count: count)
        for (position, item) in data.enumerated() {
            guard let item = item as? [String: Any],
                let numbers = item["embedding"] as? [Any]
            else { throw malformed("data[\(position)] has no 'embedding' list") }
            let index = item["index"] as? Int ?? position
            guard vectors.indices.contains(index), vectors[index] == nil else {
                throw malformed("embedding index \(index) is out of range or repeated")
            }
            var vector: [Double] = []
            vector.reserveCapacity(numbers.count)
            for number in numbers {
                guard let value = (number as? NSNumber)?.doubleValue, !(number is String) else {
                    throw malformed("data[\(position)].embedding holds a non-number")
                }
                vector.append(value)
            }
            vectors[index] = vector
        }
        let found = vectors.compactMap { $0 }
        guard found.count == count else {
            throw malformed("\(found.count) embeddings for \(count) inputs")
        }
        guard Set(found.map(\.count)).count == 1, let first = found.first, !first.isEmpty else {
            throw malformed("embeddings of different or zero dimensions")
        }
        return found
    }
}
