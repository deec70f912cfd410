import Assertions
import Basics
import Foundation
import LanguageDetection
import PromptGateModel

/// Turns the negative feedback matching a ``RecordPattern`` into suite cases
/// (`promptgate feedback to-suite`).
///
/// One case per distinct input: inputs with the same words (ignoring case, punctuation and
/// spacing) are one case, and so are inputs whose word sets overlap by 90% or more. The most
/// frequent inputs come first; the record kept for a case is the first with a correction,
/// else the first seen. Assertions come from the evidence: the input's language for language
/// patterns, a fenced block when the input has code, not the known-bad response, and an
/// `llm-rubric` asking for the correction's substance when there is one.
public struct SuiteBuilder: Sendable {
    public var pattern: RecordPattern
    /// The most cases to take, most frequent inputs first.
    public var limit: Int

    public init(pattern: RecordPattern, limit: Int = 50) {
        self.pattern = pattern
        self.limit = limit
    }

    /// What was selected: the cases (most frequent first) and how many records matched.
    public struct Selection: Sendable {
        package var cases: [SuiteCaseDraft]
        /// Negative records matching the pattern.
        public var matched: Int
        /// Distinct inputs among them (after merging near-duplicates).
        public var distinct: Int
        public var caseIDs: [String] { cases.map(\.id) }
    }

    private struct Group {
        var words: [String]
        var entry: FeedbackStore.Entry
        var info: InputInfo
        var ids: [String]
        var count: Int
    }

    public func select(from store: FeedbackStore) throws(PromptGateError) -> Selection {
        var cache = InputInfoCache()
        var clusterOf: (InputInfo) -> Int? = { _ in nil }
        if pattern.usesClusters {
            var documents = NegativeDocuments()
            try store.eachEntry(negative: true) { entry in
                let input = entry.record.userInput ?? ""
                _ = documents.add(
                    cache.info(input).tokens, example: .init(id: entry.displayID, userInput: input))
            }
            let clusters = documents.cluster()
            let byDocument = clusters.idByDocument
            clusterOf = { info in documents.document(info.tokens).flatMap { byDocument[$0] } }
        }
        var groups: [Group] = []
        var groupByKey: [String: Int] = [:]
        var matched = 0
        try store.eachEntry(negative: true) { entry in
            let record = entry.record
            guard let input = record.userInput, !input.isEmpty else { return }
            let info = cache.info(input)
            let facts = RecordPattern.Facts(
                info: info, themes: CommentTheme.themes(of: record), cluster: clusterOf(info))
            guard pattern.matches(record, facts) else { return }
            matched += 1
            let words = CommentTheme.words(of: input)
            let key = words.joined(separator: " ")
            if let index = groupByKey[key] {
                groups[index].count += 1
                groups[index].ids.append(entry.displayID)
                // A record with a correction carries more evidence for the case.
                if groups[index].entry.record.correction == nil, record.correction != nil {
                    groups[index].entry = entry
                }
            } else {
                groupByKey[key] = groups.count
                groups.append(
                    Group(words: words, entry: entry, info: info, ids: [entry.displayID], count: 1))
            }
        }
        let order = groups.indices.sorted {
            groups[$0].count > groups[$1].count || (groups[$0].count == groups[$1].count && $0 < $1)
        }
        var kept: [Group] = []
        for index in order {
            let group = groups[index]
            let words = Set(group.words)
            if let near = kept.firstIndex(where: { Self.similar(Set($0.words), words) }) {
                kept[near].count += group.count
                kept[near].ids += group.ids
                continue
            }
            kept.append(group)
        }
        let chosen = Array(kept.prefix(limit))
        let history = try SessionHistory(
            store: store, sessions: Set(chosen.compactMap(\.entry.record.sessionID)))
        let cases = chosen.map { draft($0, history: history) }
        return Selection(cases: Array(cases), matched: matched, distinct: kept.count)
    }

    /// Word sets overlapping by at least 90% (Jaccard), for inputs of a few words or more.
    static func similar(_ a: Set<String>, _ b: Set<String>) -> Bool {
        guard a.count >= 4, b.count >= 4 else { return false }
        let common = a.intersection(b).count
        return Double(common) >= 0.9 * Double(a.count + b.count - common)
    }

    private func draft(_ group: Group, history: SessionHistory) -> SuiteCaseDraft {
        let record = group.entry.record
        let input = record.userInput ?? ""
        var asserts: [AssertionSpec] = []
        if pattern.isLanguagePattern, group.info.language != DetectedLanguage.unknownCode {
            asserts.append(AssertionSpec(kind: .language, value: .string(group.info.language)))
        }
        if !group.info.code.isEmpty {
            asserts.append(AssertionSpec(kind: .contains, value: .string("```")))
        }
        if let response = record.response,
            !response.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            asserts.append(AssertionSpec(kind: .equals, negated: true, value: .string(response)))
        }
        if let correction = record.correction,
            !correction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            asserts.append(
                AssertionSpec(
                    kind: .llmRubric,
                    value: .string(
                        "The answer gives the substance of this correction (wording may differ): "
                            + correction)))
        }
        var tags = pattern.tags
        if pattern.isLanguagePattern, group.info.language != DetectedLanguage.unknownCode {
            let tag = "language-\(group.info.language)"
            if !tags.contains(tag) { tags.append(tag) }
        }
        let shown = group.ids.prefix(10).joined(separator: ", ")
        let more = group.ids.count > 10 ? " and \(group.ids.count - 10) more" : ""
        let description =
            group.count == 1
            ? "negative feedback \(shown)"
            : "\(group.count) negative feedback records: \(shown)\(more)"
        let turns = history.turns(before: group.entry)
        var vars = ["user_input": input]
        for (offset, turn) in turns.enumerated() { vars["turn_\(offset + 1)"] = turn.text }
        return SuiteCaseDraft(
            id: Self.caseID(group.entry), description: description, vars: vars,
            messages: turns.isEmpty
                ? nil
                : turns.enumerated().map { offset, turn in
                    MessageDraft(role: turn.role, content: "{{turn_\(offset + 1)}}")
                },
            tags: tags,
            source: CaseSource(
                feedbackID: record.id ?? group.entry.key, promptVersion: record.promptVersion,
                model: record.model, response: record.response, correction: record.correction,
                comment: record.comment, signal: record.signal?.rawValue,
                history: turns.isEmpty ? nil : turns.map(\.source)),
            assert: asserts)
    }

    /// `fb-<id>`, or `fb-<hash prefix>` when the export had no ids.
    static func caseID(_ entry: FeedbackStore.Entry) -> String {
        guard let id = entry.record.id else {
            let hash = entry.key.split(separator: ":").last.map(String.init) ?? entry.key
            return "fb-" + hash.prefix(10)
        }
        let slug = RecordPattern.slug(id)
        guard slug.isEmpty else { return "fb-" + slug }
        // FNV-1a: stable across runs, unlike `hashValue`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "fb-" + String(hash % 1_000_000_007, radix: 16)
    }
}
