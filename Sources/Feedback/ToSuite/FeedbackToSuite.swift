import Basics
import Foundation

/// The workflow behind `feedback to-suite`: selects the negative records matching a pattern
/// from the feedback store and writes them as cases of a suite file (new, or appended to).
public struct FeedbackToSuite: Sendable {
    /// What was selected and what the file got.
    public struct Outcome: Sendable {
        public var selection: SuiteBuilder.Selection
        /// Ids of the cases added to the file (none when nothing matched).
        public var added: [String]
        /// Selected cases the file already had.
        public var alreadyThere: Int
        /// Whether the file was created.
        public var created: Bool
    }

    public var pattern: RecordPattern
    /// The pattern as written, for the suite's description.
    public var expression: String
    /// The prompt the suite tests.
    public var prompt: String
    public var limit: Int
    /// The suite's description; nil names the pattern.
    public var description: String?

    public init(
        pattern: RecordPattern, expression: String, prompt: String, limit: Int = 50,
        description: String? = nil
    ) {
        self.pattern = pattern
        self.expression = expression
        self.prompt = prompt
        self.limit = limit
        self.description = description
    }

    /// Selects from the store at `storePath` and writes the suite to `path`; `name` is the
    /// path as the user gave it, for messages. Nothing is written when nothing matches.
    public func write(storePath: String, to path: String, name: String)
        async throws -> Outcome
    {
        let builder = SuiteBuilder(pattern: pattern, limit: limit)
        let selection = try await OffPool.run { () throws -> SuiteBuilder.Selection in
            try builder.select(from: try FeedbackStore(path: storePath))
        }
        guard selection.matched > 0 else {
            return Outcome(selection: selection, added: [], alreadyThere: 0, created: false)
        }
        let suite = ((name as NSString).lastPathComponent as NSString).deletingPathExtension
        let draft = SuiteDraft(
            suite: suite, prompt: prompt,
            description: description
                ?? "Negative production feedback matching `\(expression)` (promptgate feedback to-suite).",
            cases: selection.cases)
        let written = try SuiteFileWriter(path: path, name: name).write(draft)
        return Outcome(
            selection: selection, added: written.added, alreadyThere: written.alreadyThere,
            created: written.created)
    }
}
