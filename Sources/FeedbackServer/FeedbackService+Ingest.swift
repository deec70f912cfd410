import Basics
import Feedback
import Foundation
import JSON
import PromptGateModel

extension FeedbackService {
    /// `POST /v1/feedback`: every record is checked before any is queued (a batch with one
    /// bad record stores nothing and names it), then redacted, keyed and flagged exactly as
    /// `feedback import` does.
    func ingestFeedback(_ request: ServerRequest) -> HandlerOutcome {
        let entries: [FeedbackStore.Entry]
        var redacted = Redactor.Counts()
        do throws(APIError) {
            let rows = try rows(request, fields: Self.feedbackFields)
            let receivedAt = Timestamp.now()
            let redactor = options.redact ? Redactor() : nil
            var out: [FeedbackStore.Entry] = []
            out.reserveCapacity(rows.count)
            for row in rows {
                switch feedbackParserResult(row) {
                case .failure(let failure): throw Self.invalid(failure)
                case .success(let record):
                    var entry = FeedbackImporter.entry(
                        record, redactor: redactor, policy: options.policy, counts: &redacted)
                    // The dedupe key is the import's (the id, else the content as sent); a
                    // record without an id gets one from that content, so a retry gets the
                    // same id back, and a receive time when it has none.
                    if entry.record.id == nil {
                        entry.record.id = "fb_" + entry.key.dropFirst("sha256:".count).prefix(32)
                    }
                    if entry.record.createdAt == nil { entry.record.createdAt = receivedAt }
                    out.append(entry)
                }
            }
            entries = out
        } catch {
            return .respond(error.response)
        }
        let counts = redacted
        return enqueue(.store(feedback: entries, outcomes: [])) { done in
            guard case .stored(let stored, _) = done else { return nil }
            let new = zip(entries, stored).filter { $0.1 }
            let body = JSONValue.object([
                "stored": .integer(Int64(new.count)),
                "duplicates": .integer(Int64(entries.count - new.count)),
                "negatives": .integer(Int64(new.filter { $0.0.isNegative }.count)),
                "ids": .array(entries.map { .string($0.record.id ?? "") }),
                "redacted": .object([
                    "email": .integer(Int64(counts.email)), "phone": .integer(Int64(counts.phone)),
                    "card": .integer(Int64(counts.card)), "secret": .integer(Int64(counts.secret)),
                ]),
            ])
            return .json(200, body.jsonText)
        }
    }

    /// `POST /v1/outcomes`: business outcomes per session and prompt version, stored once
    /// per pair (a retry is a duplicate), as `feedback import --outcomes` stores them.
    func ingestOutcomes(_ request: ServerRequest) -> HandlerOutcome {
        let outcomes: [OutcomeRecord]
        do throws(APIError) {
            let rows = try rows(request, fields: Self.outcomeFields)
            var out: [OutcomeRecord] = []
            for row in rows {
                switch outcomeParserResult(row) {
                case .failure(let failure): throw Self.invalid(failure)
                case .success(let outcome): out.append(outcome)
                }
            }
            outcomes = out
        } catch {
            return .respond(error.response)
        }
        return enqueue(.store(feedback: [], outcomes: outcomes)) { done in
            guard case .stored(_, let stored) = done else { return nil }
            let new = stored.filter { $0 }.count
            let body = JSONValue.object([
                "stored": .integer(Int64(new)),
                "duplicates": .integer(Int64(outcomes.count - new)),
            ])
            return .json(200, body.jsonText)
        }
    }

    private func rows(_ request: ServerRequest, fields: [(String, [String])]) throws(APIError)
        -> [SourceRow]
    {
        guard let format = IngestBody.format(contentType: request.headers["content-type"]) else {
            throw APIError(
                status: 415, code: "unsupported_media_type", field: "Content-Type",
                detail: "send application/json or application/x-ndjson")
        }
        return try IngestBody.rows(request.body, format: format, fields: fields)
    }

    /// A record the import would reject: 400 naming the record and the field. The import's
    /// hint about `--map` does not apply to the API and is left out.
    static func invalid(_ failure: RowFailure) -> APIError {
        var message =
            failure.message.range(of: "; map your").map {
                String(failure.message[..<$0.lowerBound])
            }
            ?? failure.message
        message = message.replacingOccurrences(
            of: "use --map stars=COLUMN", with: "send it as stars")
        return .badRequest(
            "invalid_record", field: failure.field, detail: "\(failure.location): \(message)")
    }

    /// `GET /v1/stats`: stored feedback by version and type, outcomes by version and value.
    static func statsJSON(feedback: FeedbackStore.Counts, outcomes: FeedbackStore.Counts)
        -> JSONValue
    {
        func section(_ counts: FeedbackStore.Counts, unknown: String) -> JSONValue {
            var versions: [String: JSONValue] = [:]
            for (version, values) in counts.byVersion {
                var members: [String: JSONValue] = [:]
                for (value, n) in values {
                    members[value.isEmpty ? unknown : value] = .integer(Int64(n))
                }
                versions[version.isEmpty ? "unversioned" : version] = .object(members)
            }
            return .object([
                "total": .integer(Int64(counts.total)), "by_version": .object(versions),
            ])
        }
        return .object([
            "feedback": section(feedback, unknown: "unknown"),
            "outcomes": section(outcomes, unknown: "none"),
        ])
    }
}

/// Comparison whose time does not depend on where the bytes differ (for the token).
enum ConstantTime {
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0 && a.count == b.count
    }
}
