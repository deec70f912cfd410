import Foundation

/// Groups similar texts, deterministically: TF-IDF vectors compared by cosine similarity,
/// merged bottom-up by average linkage until no two groups are similar enough.
///
/// Texts are first folded into near-duplicate groups (one pass, most frequent first, each
/// text joining the most similar group leader at cosine ≥ ``nearDuplicate``), at most
/// ``maxGroups`` of them, so the quadratic merging stays small whatever the number of
/// records. With unit vectors, the average pairwise cosine of two groups is the dot product
/// of their sum vectors divided by their sizes, so average linkage is exact on the groups.
struct TextClusterer: Sendable {
    /// One distinct text: its tokens and how many records have it.
    struct Document: Sendable {
        var tokens: [String]
        var weight: Int
    }

    /// Merge groups while their average cosine similarity is at least this.
    var threshold: Float = 0.35
    /// Texts this similar to a group leader join it before merging.
    var nearDuplicate: Float = 0.7
    var maxGroups = 600
    /// Clusters smaller than this (in records) are not reported.
    var minCount = 2
    var maxClusters = 20

    func cluster(_ documents: [Document]) -> TextClusters {
        let model = TFIDF(documents)
        let vectors = documents.map { model.vector($0.tokens) }
        let order = documents.indices.sorted {
            documents[$0].weight != documents[$1].weight
                ? documents[$0].weight > documents[$1].weight
                : documents[$0].tokens.lexicographicallyPrecedes(documents[$1].tokens)
        }
        var groups = leaderGroups(order, vectors: vectors, documents: documents)
        merge(&groups)
        var found = groups.filter { $0.count >= minCount && !$0.sum.terms.isEmpty }
            .map { group -> TextClusters.Cluster in
                let label = topTerms(group.sum, model: model)
                return TextClusters.Cluster(
                    id: 0, members: group.members.sorted(), count: group.count, label: label,
                    representatives: representatives(group, vectors: vectors, documents: documents),
                    sum: group.sum)
            }
        found.sort {
            $0.count != $1.count
                ? $0.count > $1.count : $0.label.lexicographicallyPrecedes($1.label)
        }
        found = Array(found.prefix(maxClusters))
        for index in found.indices { found[index].id = index + 1 }
        return TextClusters(clusters: found, model: model, threshold: threshold)
    }

    struct Group {
        var members: [Int]
        var count: Int
        var sum: SparseVector
    }

    private func leaderGroups(_ order: [Int], vectors: [SparseVector], documents: [Document])
        -> [Group]
    {
        var groups: [Group] = []
        var leaders: [SparseVector] = []
        var postings: [Int32: [Int]] = [:]
        var seen = [Int](repeating: -1, count: 0)
        for index in order {
            let vector = vectors[index]
            guard !vector.terms.isEmpty else { continue }
            // Candidates share one of the text's strongest terms with a leader.
            let strongest = vector.terms.indices.sorted { vector.weights[$0] > vector.weights[$1] }
                .prefix(8)
            var best: (group: Int, similarity: Float)?
            for position in strongest {
                for group in postings[vector.terms[position]] ?? [] where seen[group] != index {
                    seen[group] = index
                    let similarity = leaders[group].dot(vector)
                    if similarity > (best?.similarity ?? 0) { best = (group, similarity) }
                }
            }
            let weight = documents[index].weight
            if let best,
                best.similarity >= nearDuplicate
                    || (groups.count >= maxGroups && best.similarity >= threshold)
            {
                groups[best.group].members.append(index)
                groups[best.group].count += weight
                groups[best.group].sum = groups[best.group].sum.adding(
                    vector, scale: Float(weight))
            } else if groups.count < maxGroups {
                for term in vector.terms { postings[term, default: []].append(groups.count) }
                leaders.append(vector)
                seen.append(-1)
                groups.append(
                    Group(
                        members: [index], count: weight,
                        sum: SparseVector().adding(vector, scale: Float(weight))))
            }
        }
        return groups
    }

    /// Average-linkage merging: repeatedly joins the most similar pair (the first in index
    /// order on ties) while its similarity reaches ``threshold``.
    private func merge(_ groups: inout [Group]) {
        let k = groups.count
        guard k > 1 else { return }
        var similarity = [Float](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in (i + 1)..<k {
                let value =
                    groups[i].sum.dot(groups[j].sum) / Float(groups[i].count * groups[j].count)
                similarity[i * k + j] = value
                similarity[j * k + i] = value
            }
        }
        var active = [Bool](repeating: true, count: k)
        while true {
            var best: (i: Int, j: Int, value: Float)?
            for i in 0..<k where active[i] {
                for j in (i + 1)..<k where active[j] {
                    let value = similarity[i * k + j]
                    if value >= threshold, value > (best?.value ?? -1) { best = (i, j, value) }
                }
            }
            guard let (i, j, _) = best else { break }
            let ni = Float(groups[i].count)
            let nj = Float(groups[j].count)
            for x in 0..<k where active[x] && x != i && x != j {
                let value = (ni * similarity[i * k + x] + nj * similarity[j * k + x]) / (ni + nj)
                similarity[i * k + x] = value
                similarity[x * k + i] = value
            }
            groups[i].members += groups[j].members
            groups[i].count += groups[j].count
            groups[i].sum = groups[i].sum.adding(groups[j].sum)
            active[j] = false
        }
        groups = groups.indices.filter { active[$0] }.map { groups[$0] }
    }

    private func topTerms(_ sum: SparseVector, model: TFIDF) -> [String] {
        let order = sum.terms.indices.sorted {
            sum.weights[$0] != sum.weights[$1]
                ? sum.weights[$0] > sum.weights[$1]
                : model.terms[Int(sum.terms[$0])] < model.terms[Int(sum.terms[$1])]
        }
        return order.prefix(3).map { model.terms[Int(sum.terms[$0])] }
    }

    /// The two members closest to the group's centroid (the most frequent on ties).
    private func representatives(_ group: Group, vectors: [SparseVector], documents: [Document])
        -> [Int]
    {
        let scored = group.members.map { ($0, vectors[$0].dot(group.sum)) }
        return scored.sorted {
            if $0.1 != $1.1 { return $0.1 > $1.1 }
            if documents[$0.0].weight != documents[$1.0].weight {
                return documents[$0.0].weight > documents[$1.0].weight
            }
            return $0.0 < $1.0
        }.prefix(2).map(\.0)
    }
}

/// The clusters found by ``TextClusterer``, numbered from 1 by size.
struct TextClusters: Sendable {
    struct Cluster: Sendable {
        var id: Int
        /// Indices of the clustered documents.
        var members: [Int]
        /// Records (document weights) in the cluster.
        var count: Int
        /// The cluster's three strongest terms.
        var label: [String]
        /// Indices of two representative documents.
        var representatives: [Int]
        var sum: SparseVector
    }

    var clusters: [Cluster]
    var model: TFIDF
    var threshold: Float

    /// Cluster id by document index.
    var idByDocument: [Int: Int] {
        var out: [Int: Int] = [:]
        for cluster in clusters {
            for member in cluster.members { out[member] = cluster.id }
        }
        return out
    }

    /// The cluster a new text belongs to: the one whose members it resembles most on average,
    /// when that average reaches the clustering threshold.
    func assign(_ tokens: [String]) -> Int? {
        let vector = model.vector(tokens)
        var best: (id: Int, value: Float)?
        for cluster in clusters {
            let value = vector.dot(cluster.sum) / Float(cluster.count)
            if value >= threshold, value > (best?.value ?? -1) { best = (cluster.id, value) }
        }
        return best?.id
    }
}

/// Term frequency × inverse document frequency over a set of documents.
struct TFIDF: Sendable {
    var terms: [String] = []
    var index: [String: Int32] = [:]
    var idf: [Float] = []
    /// The weight of a term no document had.
    var unseenIDF: Float = 1

    init(_ documents: [TextClusterer.Document]) {
        var frequency: [Int] = []
        for document in documents {
            for term in Set(document.tokens) {
                if let id = index[term] {
                    frequency[Int(id)] += 1
                } else {
                    index[term] = Int32(terms.count)
                    terms.append(term)
                    frequency.append(1)
                }
            }
        }
        let total = Float(documents.count)
        idf = frequency.map { log((1 + total) / (1 + Float($0))) + 1 }
        unseenIDF = log(1 + total) + 1
    }

    /// The unit-length TF-IDF vector of `tokens`; terms never seen count towards the length.
    func vector(_ tokens: [String]) -> SparseVector {
        var counts: [Int32: Float] = [:]
        var unseen: Float = 0
        var unseenCounts: [String: Float] = [:]
        for token in tokens {
            if let id = index[token] {
                counts[id, default: 0] += 1
            } else {
                unseenCounts[token, default: 0] += 1
            }
        }
        for (_, count) in unseenCounts {
            let weight = (1 + log(count)) * unseenIDF
            unseen += weight * weight
        }
        var out = SparseVector()
        for id in counts.keys.sorted() {
            out.terms.append(id)
            out.weights.append((1 + log(counts[id] ?? 1)) * idf[Int(id)])
        }
        let norm = (out.weights.reduce(0) { $0 + $1 * $1 } + unseen).squareRoot()
        guard norm > 0 else { return SparseVector() }
        out.weights = out.weights.map { $0 / norm }
        return out
    }
}
