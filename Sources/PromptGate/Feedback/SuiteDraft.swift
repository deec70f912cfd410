/// A suite written by `feedback to-suite`, in the shape of `suites/<name>.yaml`.
struct SuiteDraft: Encodable {
    var suite: String
    var prompt: String
    var description: String
    var cases: [SuiteCaseDraft]
}

/// One case built from negative feedback.
struct SuiteCaseDraft: Encodable {
    var id: String
    var description: String
    var vars: [String: String]
    var tags: [String]
    var source: CaseSource
    var assert: [AssertionSpec]

    enum CodingKeys: String, CodingKey {
        case id, description, vars, tags, source, assert
    }
}
