import Basics
import PromptGateModel

/// The turns a conversation had before a piece of feedback: the earlier records of the same
/// `session_id`, ordered by `created_at` (then import order), each giving a user turn (its
/// input) and an assistant turn (the response the user saw). Records are stored redacted by
/// `feedback import`, so the history is too.
///
/// The texts go into the case's `vars` (`turn_1`, `turn_2`, …) and the history's turns
/// reference them (`content: "{{turn_1}}"`): feedback text is data, never a template.
struct SessionHistory {
    /// The most turns kept for one case: the latest ones, so a long session stays readable.
    static let maxTurns = 20

    struct Record {
        var entry: FeedbackStore.Entry
        /// Import order (the store's rowid order).
        var order: Int
    }

    private var bySession: [String: [Record]] = [:]

    /// Collects the records of `sessions` from the store, in one pass.
    init(store: FeedbackStore, sessions: Set<String>) throws(PromptGateError) {
        guard !sessions.isEmpty else { return }
        var order = 0
        var found: [String: [Record]] = [:]
        try store.eachEntry { entry in
            defer { order += 1 }
            guard let session = entry.record.sessionID, sessions.contains(session) else { return }
            found[session, default: []].append(Record(entry: entry, order: order))
        }
        for (session, records) in found {
            bySession[session] = records.sorted(by: Self.earlier)
        }
    }

    private static func earlier(_ a: Record, _ b: Record) -> Bool {
        switch (a.entry.record.createdAt, b.entry.record.createdAt) {
        case (let x?, let y?) where x != y: return x < y
        default: return a.order < b.order
        }
    }

    /// One turn of a drafted history and where it came from.
    struct Turn {
        var role: String
        var text: String
        var source: CaseSource.Turn
    }

    /// The turns before `entry` in its session (empty without a session or earlier records).
    func turns(before entry: FeedbackStore.Entry) -> [Turn] {
        guard let session = entry.record.sessionID, let records = bySession[session],
            let position = records.firstIndex(where: { $0.entry.key == entry.key })
        else { return [] }
        var turns: [Turn] = []
        for record in records[..<position] {
            let r = record.entry.record
            let id = r.id ?? record.entry.key
            if let input = r.userInput, !input.isEmpty {
                turns.append(
                    Turn(
                        role: "user", text: input,
                        source: .init(feedbackID: id, createdAt: r.createdAt, field: "user_input")))
            }
            if let response = r.response, !response.isEmpty {
                turns.append(
                    Turn(
                        role: "assistant", text: response,
                        source: .init(feedbackID: id, createdAt: r.createdAt, field: "response")))
            }
        }
        var kept = Array(turns.suffix(Self.maxTurns))
        // A history starts with the user; a cut that begins with an answer drops it.
        if kept.first?.role == "assistant" { kept.removeFirst() }
        return kept
    }
}
