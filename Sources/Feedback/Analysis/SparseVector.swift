/// A sparse vector of term weights, sorted by term index.
struct SparseVector: Sendable, Hashable {
    var terms: [Int32] = []
    var weights: [Float] = []

    /// The dot product, by merging the two sorted term lists.
    func dot(_ other: SparseVector) -> Float {
        var i = 0
        var j = 0
        var sum: Float = 0
        while i < terms.count, j < other.terms.count {
            let a = terms[i]
            let b = other.terms[j]
            if a == b {
                sum += weights[i] * other.weights[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// `self + scale · other`.
    func adding(_ other: SparseVector, scale: Float = 1) -> SparseVector {
        var out = SparseVector()
        out.terms.reserveCapacity(terms.count + other.terms.count)
        out.weights.reserveCapacity(terms.count + other.terms.count)
        var i = 0
        var j = 0
        while i < terms.count || j < other.terms.count {
            if j == other.terms.count || (i < terms.count && terms[i] < other.terms[j]) {
                out.terms.append(terms[i])
                out.weights.append(weights[i])
                i += 1
            } else if i == terms.count || other.terms[j] < terms[i] {
                out.terms.append(other.terms[j])
                out.weights.append(scale * other.weights[j])
                j += 1
            } else {
                out.terms.append(terms[i])
                out.weights.append(weights[i] + scale * other.weights[j])
                i += 1
                j += 1
            }
        }
        return out
    }
}
