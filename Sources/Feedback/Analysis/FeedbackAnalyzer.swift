import Basics
import LanguageDetection
import PromptGateModel
import Stats

/// Groups negative feedback into patterns (`promptgate feedback analyze`).
///
/// One pass over the store: each negative or positive record adds to a tally per trait
/// (version, model, language, code, length band, feedback type, comment theme); the distinct
/// inputs of all negatives are clustered afterwards (``TextClusterer``). Clusters are built
/// from every negative record whatever `selection` says, so cluster numbers stay the same
/// across filters and match `feedback to-suite --pattern cluster=N`.
public struct FeedbackAnalyzer: Sendable {
    public var policy: NegativePolicy
    public var selection: FeedbackSelection
    /// The significance level for calling a pattern over-represented.
    public var alpha = 0.05

    public init(policy: NegativePolicy = NegativePolicy(), selection: FeedbackSelection = .init()) {
        self.policy = policy
        self.selection = selection
    }

    private struct Key: Hashable {
        var kind: FeedbackPattern.Kind
        var value: String
    }

    private struct Tally {
        var negatives = 0
        var positives = 0
        var examples: [FeedbackPattern.Example] = []
    }

    public func analyze(_ store: FeedbackStore) throws(PromptGateError) -> FeedbackAnalysis {
        var tallies: [Key: Tally] = [:]
        var documents = NegativeDocuments()
        var selectedByDocument: [Int: Int] = [:]
        var positiveInputs: [[String]: Int] = [:]
        var cache = InputInfoCache()
        var analysis = FeedbackAnalysis(
            negatives: 0, positives: 0, neutral: 0, filteredOut: 0, patterns: [])
        try store.eachEntry { entry in
            let record = entry.record
            let input = record.userInput ?? ""
            let info = cache.info(input)
            let document =
                entry.isNegative
                ? documents.add(info.tokens, example: .init(id: entry.displayID, userInput: input))
                : nil
            guard selection.includes(record) else {
                analysis.filteredOut += 1
                return
            }
            let negative = entry.isNegative
            guard negative || policy.isPositive(record) else {
                analysis.neutral += 1
                return
            }
            if negative {
                analysis.negatives += 1
                if let document { selectedByDocument[document, default: 0] += 1 }
            } else {
                analysis.positives += 1
                if !info.tokens.isEmpty { positiveInputs[info.tokens, default: 0] += 1 }
            }
            for key in keys(record, info) {
                var tally = tallies[key] ?? Tally()
                if negative {
                    tally.negatives += 1
                    if tally.examples.count < 2,
                        !tally.examples.contains(where: { $0.userInput == input })
                    {
                        tally.examples.append(.init(id: entry.displayID, userInput: input))
                    }
                } else {
                    tally.positives += 1
                }
                tallies[key] = tally
            }
        }
        var patterns = tallies.compactMap { key, tally in
            pattern(key, tally, label: label(key), analysis)
        }
        let clusters = documents.cluster()
        let clusterOf = clusters.idByDocument
        var positivesByCluster: [Int: Int] = [:]
        for (tokens, count) in positiveInputs {
            let id = documents.document(tokens).flatMap { clusterOf[$0] } ?? clusters.assign(tokens)
            if let id { positivesByCluster[id, default: 0] += count }
        }
        for cluster in clusters.clusters {
            var tally = Tally()
            tally.negatives = cluster.members.reduce(0) { $0 + (selectedByDocument[$1] ?? 0) }
            tally.positives = positivesByCluster[cluster.id] ?? 0
            tally.examples = cluster.representatives.map { documents.examples[$0] }
            let label = "cluster \(cluster.id): " + cluster.label.joined(separator: ", ")
            let key = Key(kind: .cluster, value: String(cluster.id))
            if let found = pattern(key, tally, label: label, analysis) { patterns.append(found) }
        }
        let kinds = FeedbackPattern.Kind.allCases
        patterns.sort { a, b in
            if a.overRepresented != b.overRepresented { return a.overRepresented }
            if a.count != b.count { return a.count > b.count }
            if a.kind != b.kind {
                return kinds.firstIndex(of: a.kind) ?? 0 < kinds.firstIndex(of: b.kind) ?? 0
            }
            return a.value < b.value
        }
        analysis.patterns = patterns
        return analysis
    }

    private func keys(_ record: FeedbackRecord, _ info: InputInfo) -> [Key] {
        var out: [Key] = []
        if let version = record.promptVersion { out.append(Key(kind: .version, value: version)) }
        if let model = record.model { out.append(Key(kind: .model, value: model)) }
        out.append(Key(kind: .language, value: info.language))
        if info.isNonEnglish { out.append(Key(kind: .nonEnglish, value: "non-english")) }
        if !info.code.isEmpty {
            out.append(Key(kind: .code, value: "any"))
            for language in Set(info.code.languages).sorted() {
                out.append(Key(kind: .code, value: language))
            }
        }
        out.append(Key(kind: .length, value: info.length.rawValue))
        if let type = record.feedbackType {
            out.append(Key(kind: .feedbackType, value: type.rawValue))
        }
        for theme in CommentTheme.themes(of: record) { out.append(Key(kind: .theme, value: theme)) }
        return out
    }

    private func label(_ key: Key) -> String {
        switch key.kind {
        case .version: return "prompt version \(key.value)"
        case .model: return "model \(key.value)"
        case .language:
            guard let name = LanguageDetector.name(of: key.value) else {
                return "input language not detected"
            }
            return "input in \(name)"
        case .nonEnglish: return "input not in English (any language)"
        case .code:
            switch key.value {
            case "any": return "input contains code"
            case CodeBlocks.unmarked: return "input contains code (language not marked)"
            default: return "input contains \(key.value) code"
            }
        case .length:
            return "input \(LengthBand(rawValue: key.value)?.range ?? key.value)"
        case .feedbackType: return "\(key.value) feedback"
        case .theme:
            let theme = CommentTheme.all.first { $0.name == key.value }
            return "comment: \(theme?.label ?? key.value)"
        case .cluster: return "cluster \(key.value)"
        }
    }

    private func pattern(_ key: Key, _ tally: Tally, label: String, _ totals: FeedbackAnalysis)
        -> FeedbackPattern?
    {
        guard tally.negatives > 0, totals.negatives > 0 else { return nil }
        let share = Double(tally.negatives) / Double(totals.negatives)
        var lift: Double?
        var p: Double?
        if totals.positives > 0 {
            let positiveShare =
                Double(tally.positives > 0 ? Double(tally.positives) : 0.5)
                / Double(totals.positives)
            lift = share / positiveShare
            let fisher = Statistics.fisherExact(
                a: tally.negatives, b: tally.positives, c: totals.negatives - tally.negatives,
                d: totals.positives - tally.positives)
            p = fisher.isNaN ? nil : fisher
        }
        let over =
            key.kind != .feedbackType && (lift ?? 0) > 1 && (p.map { $0 < alpha } ?? false)
        return FeedbackPattern(
            kind: key.kind, value: key.value, label: label, count: tally.negatives,
            positiveCount: tally.positives, share: share, lift: lift, pValue: p,
            overRepresented: over, examples: tally.examples)
    }
}
