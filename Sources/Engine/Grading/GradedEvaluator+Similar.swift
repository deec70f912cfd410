import Assertions
import Foundation
import Providers

/// `similar`: cosine similarity of the output's and the reference's embeddings.
extension GradedEvaluator {
    func similar(
        _ spec: AssertionSpec, _ input: GradingInput, _ recorded: inout [Recordings.Entry]
    ) async throws -> GradedCheck {
        guard let reference = spec.value?.text else {
            return .error("'\(spec.typeName)' has no reference text to compare with")
        }
        guard let name = spec.graded?.provider ?? embeddings?.provider.value else {
            return .error(
                "no embeddings configured: add embeddings: { provider: NAME, model: MODEL } to "
                    + "promptgate.yaml, or provider: to the assertion")
        }
        guard let config = services.providers[name] else {
            return .error("embeddings provider '\(name)' is not configured")
        }
        let usesConfigured = embeddings?.provider.value == name
        let model =
            spec.graded?.model ?? (usesConfigured ? embeddings?.model : nil)
            ?? config.embeddingModel ?? config.model
        guard let model else {
            return .error("no embedding model: set embeddings.model or model: on the assertion")
        }
        var vectors: [[Double]] = []
        for text in [input.output, reference] {
            let request = ModelRequest(
                providerName: name, providerType: Self.embeddingsType, baseURL: config.endpoint,
                model: model, messages: [ChatMessage(role: "input", content: text)],
                params: ModelParams())
            let response: ModelResponse
            do {
                let (answer, entry) = try await services.embedding(
                    request, provider: name, model: model)
                response = answer
                if let entry { recorded.append(entry) }
            } catch {
                throw Self.failure("embeddings", error)
            }
            guard let vector = Self.vector(response.text) else {
                throw GradingFailure(
                    message: "embeddings response is not a vector: "
                        + AssertionText.quote(response.text))
            }
            vectors.append(vector)
        }
        guard vectors[0].count == vectors[1].count else {
            throw GradingFailure(
                message:
                    "embeddings of different dimensions (\(vectors[0].count) and \(vectors[1].count))"
            )
        }
        let cosine = Self.cosine(vectors[0], vectors[1])
        let threshold = spec.threshold ?? AssertionSpec.defaultSimilarThreshold
        let holds = cosine + Grader.tolerance >= threshold
        let relation = holds ? "≥" : "<"
        let reason =
            "cosine \(Self.format(cosine)) \(relation) \(Self.format(threshold)) with "
            + AssertionText.quote(reference)
        return GradedCheck(passed: holds, score: Swift.max(0, cosine), reason: reason)
            .negated(spec.negated)
    }

    /// The provider type recorded in embedding requests' keys.
    static let embeddingsType = "openai-embeddings"

    /// Cosine similarity; 0 when either vector is all zeros.
    public static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        var dot = 0.0
        var normA = 0.0
        var normB = 0.0
        for (x, y) in zip(a, b) {
            dot += x * y
            normA += x * x
            normB += y * y
        }
        guard normA > 0, normB > 0 else { return 0 }
        return Swift.min(1, Swift.max(-1, dot / (normA.squareRoot() * normB.squareRoot())))
    }

    static func vector(_ text: String) -> [Double]? {
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any],
            !list.isEmpty
        else { return nil }
        var out: [Double] = []
        out.reserveCapacity(list.count)
        for item in list {
            guard let number = item as? NSNumber, number.doubleValue.isFinite else { return nil }
            out.append(number.doubleValue)
        }
        return out
    }
}
