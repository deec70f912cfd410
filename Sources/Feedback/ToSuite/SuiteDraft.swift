import Assertions
import PromptGateModel

/// A suite written by `feedback to-suite`, in the shape of `suites/<name>.yaml`.
package struct SuiteDraft: Encodable {
    var suite: String
    var prompt: String
    var description: String
    var cases: [SuiteCaseDraft]
}

/// One case built from negative feedback.
package struct SuiteCaseDraft: Encodable {
    package var id: String
    package var description: String
    package var vars: [String: String]
    /// The session's earlier turns, each referencing its text in `vars` (`{{turn_1}}`).
    package var messages: [MessageDraft]?
    package var tags: [String]
    package var source: CaseSource
    package var assert: [AssertionSpec]

    package enum CodingKeys: String, CodingKey {
        case id, description, vars, messages, tags, source, assert
    }
}

/// One turn of a drafted history.
package struct MessageDraft: Encodable {
    package var role: String
    package var content: String
}
