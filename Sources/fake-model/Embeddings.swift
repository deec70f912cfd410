/// `POST /v1/embeddings`: 64-dimensional vectors built by hashing words into
/// buckets, so texts that share words have a higher cosine similarity.
struct Embeddings {
    static let dimensions = 64
    let options: ServerOptions

    func reply(to request: IncomingRequest) -> ReplyAction {
        guard let json = JSON.object(request.body) else {
            return .respond(
                .error(
                    status: 400, message: "body is not a JSON object", type: "invalid_request_error"
                ))
        }
        let inputs: [String]
        if let text = json["input"] as? String {
            inputs = [text]
        } else if let texts = json["input"] as? [String] {
            inputs = texts
        } else {
            return .respond(
                .error(
                    status: 400, message: "'input' must be a string or an array of strings",
                    type: "invalid_request_error"))
        }
        Latency.sleep(
            options: options, draw: (Double.random(in: 0..<1), Double.random(in: 0..<1)), extraMs: 0
        )
        let model = json["model"] as? String ?? "fake-embedding"
        let tokens = inputs.map(TokenEstimate.count).reduce(0, +)
        let body = EmbeddingsBody(
            object: "list",
            data: inputs.enumerated().map { index, text in
                .init(object: "embedding", index: index, embedding: Self.vector(for: text))
            },
            model: model, usage: .init(prompt_tokens: tokens, total_tokens: tokens))
        return .respond(OutgoingResponse(status: 200, json: body))
    }

    /// A unit vector (all zeros for text without words).
    static func vector(for text: String) -> [Double] {
        var vector = [Double](repeating: 0, count: dimensions)
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        for word in words {
            let hash = fnv1a(word.utf8)
            let index = Int(hash % UInt64(dimensions))
            vector[index] += (hash >> 32) & 1 == 0 ? 1 : -1
        }
        let norm = vector.map { $0 * $0 }.reduce(0, +).squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    private static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

struct EmbeddingsBody: Encodable {
    struct Item: Encodable {
        let object: String
        let index: Int
        let embedding: [Double]
    }
    struct Usage: Encodable {
        let prompt_tokens: Int
        let total_tokens: Int
    }
    let object: String
    let data: [Item]
    let model: String
    let usage: Usage
}
