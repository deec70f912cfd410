import JSON

/// Turns export rows into records, checking each field; a bad row becomes a ``RowFailure``
/// naming the field and the problem.
public struct RecordParser: Sendable {
    public let mapping: ColumnMapping

    public init(mapping: ColumnMapping) {
        self.mapping = mapping
    }

    /// A row's field values, read once, converted field by field.
    private struct Values {
        var names: [String]
        var values: [JSONValue?]
        var location: SourceRow.Location

        func get<T>(
            _ name: String, _ convert: (JSONValue?) throws(FieldConversion.Failure) -> T
        ) throws(RowFailure) -> T {
            do {
                guard let index = names.firstIndex(of: name) else { return try convert(nil) }
                return try convert(values[index])
            } catch {
                throw RowFailure(
                    location: location, message: "\(name): \(error.message)", field: name)
            }
        }
    }

    private func values(_ row: SourceRow) -> Values {
        Values(names: mapping.fieldNames, values: mapping.values(in: row), location: row.location)
    }

    /// A feedback record, or why the row is rejected.
    public func feedback(_ row: SourceRow) -> Result<FeedbackRecord, RowFailure> {
        do {
            typealias F = FeedbackField
            let v = values(row)
            var r = FeedbackRecord()
            r.id = try v.get(F.id.rawValue, FieldConversion.identifier)
            r.createdAt = try v.get(F.createdAt.rawValue, FieldConversion.timestamp)
            r.sessionID = try v.get(F.sessionID.rawValue, FieldConversion.identifier)
            r.requestID = try v.get(F.requestID.rawValue, FieldConversion.identifier)
            r.feedbackType = try v.get(F.feedbackType.rawValue, FieldConversion.feedbackType)
            r.rating = try v.get(F.rating.rawValue, FieldConversion.thumbs)
            r.stars = try v.get(F.stars.rawValue, FieldConversion.stars)
            r.signal = try v.get(F.signal.rawValue, FieldConversion.signal)
            r.comment = try v.get(F.comment.rawValue, FieldConversion.text)
            r.correction = try v.get(F.correction.rawValue, FieldConversion.text)
            r.editedText = try v.get(F.editedText.rawValue, FieldConversion.text)
            r.followUpText = try v.get(F.followUpText.rawValue, FieldConversion.text)
            r.systemPrompt = try v.get(F.systemPrompt.rawValue, FieldConversion.text)
            r.userInput = try v.get(F.userInput.rawValue, FieldConversion.text)
            r.response = try v.get(F.response.rawValue, FieldConversion.text)
            r.model = try v.get(F.model.rawValue, FieldConversion.identifier)
            r.promptVersion = try v.get(F.promptVersion.rawValue, FieldConversion.identifier)
            r.latencyMs = try v.get(F.latencyMs.rawValue, FieldConversion.nonNegative)
            guard r.userInput != nil || r.response != nil else {
                return .failure(
                    RowFailure(
                        location: row.location,
                        message:
                            "no user_input and no response; map your columns with --map user_input=COLUMN",
                        field: F.userInput.rawValue))
            }
            if r.feedbackType == nil {
                guard let inferred = Self.inferType(r) else {
                    return .failure(
                        RowFailure(
                            location: row.location,
                            message:
                                "no feedback: give feedback_type, rating, stars, signal, comment or correction",
                            field: F.feedbackType.rawValue))
                }
                r.feedbackType = inferred
            }
            return .success(r)
        } catch {
            return .failure(error)
        }
    }

    /// The type the fields present imply: words first, then actions, then ratings.
    static func inferType(_ r: FeedbackRecord) -> FeedbackType? {
        if r.comment != nil || r.correction != nil { return .detailed }
        if r.signal != nil { return .implicit }
        if r.rating != nil || r.stars != nil { return .explicit }
        return nil
    }

    /// An A/B outcome, or why the row is rejected.
    public func outcome(_ row: SourceRow) -> Result<OutcomeRecord, RowFailure> {
        do {
            typealias F = OutcomeField
            let v = values(row)
            let session = try v.get(F.sessionID.rawValue, FieldConversion.identifier)
            let version = try v.get(F.promptVersion.rawValue, FieldConversion.identifier)
            guard let session, let version else {
                let missing = session == nil ? "session_id" : "prompt_version"
                return .failure(
                    RowFailure(
                        location: row.location,
                        message: "no \(missing); map your column with --map \(missing)=COLUMN",
                        field: missing))
            }
            return .success(
                OutcomeRecord(
                    sessionID: session, promptVersion: version,
                    outcome: try v.get(F.outcome.rawValue, FieldConversion.identifier)?
                        .lowercased(),
                    timeToOutcomeMs: try v.get(
                        F.timeToOutcomeMs.rawValue, FieldConversion.nonNegative),
                    satisfied: try v.get(F.satisfied.rawValue, FieldConversion.bool)))
        } catch {
            return .failure(error)
        }
    }
}
