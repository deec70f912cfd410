import LanguageDetection

/// What is derived from a user input alone, computed once per distinct input.
struct InputInfo: Sendable {
    var language: String
    var code: CodeBlocks
    var length: LengthBand
    /// Words for clustering (``TextTokens``).
    var tokens: [String]

    init(_ input: String) {
        language =
            input.isEmpty ? DetectedLanguage.unknownCode : LanguageDetector.detect(input).code
        code = CodeBlocks(input)
        length = LengthBand(characters: input.count)
        tokens = TextTokens.of(input)
    }

    var isNonEnglish: Bool { language != DetectedLanguage.unknownCode && language != "en" }
}

/// Remembers ``InputInfo`` for repeated inputs (support questions repeat a lot), forgetting
/// everything when it holds too many so memory stays bounded.
struct InputInfoCache {
    private var known: [String: InputInfo] = [:]
    var limit = 50_000

    mutating func info(_ input: String) -> InputInfo {
        if let found = known[input] { return found }
        let info = InputInfo(input)
        if known.count >= limit { known.removeAll(keepingCapacity: true) }
        known[input] = info
        return info
    }
}

/// The distinct inputs of negative feedback, gathered record by record, for clustering.
struct NegativeDocuments {
    private(set) var documents: [TextClusterer.Document] = []
    private(set) var examples: [FeedbackPattern.Example] = []
    private var index: [[String]: Int] = [:]

    /// Adds one record's input; returns its document index (nil when it has no words).
    mutating func add(_ tokens: [String], example: @autoclosure () -> FeedbackPattern.Example)
        -> Int?
    {
        guard !tokens.isEmpty else { return nil }
        if let found = index[tokens] {
            documents[found].weight += 1
            return found
        }
        index[tokens] = documents.count
        documents.append(TextClusterer.Document(tokens: tokens, weight: 1))
        examples.append(example())
        return documents.count - 1
    }

    /// The document index of `tokens`, when some negative input had exactly these words.
    func document(_ tokens: [String]) -> Int? { index[tokens] }

    func cluster(_ clusterer: TextClusterer = TextClusterer()) -> TextClusters {
        clusterer.cluster(documents)
    }
}

extension FeedbackStore.Entry {
    /// The record's id for messages and suites: the export's id, else the store key.
    var displayID: String { record.id ?? key }
}
