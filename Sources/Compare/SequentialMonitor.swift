import Engine
import Foundation
import PromptGateModel
import Stats
import Store

/// How a `--sequential` compare looks at its data.
public struct SequentialOptions: Sendable, Hashable {
    /// Planned looks, equally spaced over the cases (every 10% by default).
    public var looks: Int
    /// Stop for non-inferiority when the repeated interval's upper bound for base −
    /// candidate falls below this; nil stops only for harm, benefit or at the end.
    public var margin: Double?

    public init(looks: Int = 10, margin: Double? = nil) {
        self.looks = looks
        self.margin = margin
    }
}

/// The looks of a sequential compare: admits both sides' cases look by look (in
/// ``SequentialOrder``), and when both sides hold every case of a look, applies the
/// group-sequential rule to the paired cases so far; a decision stops both runners.
actor SequentialMonitor {
    let design: GroupSequentialDesign
    let margin: Double?
    let order: [SequentialOrder.CaseKey]
    let position: [SequentialOrder.CaseKey: Int]
    /// Cases run at each look (increasing, the last is every case).
    let lookEnds: [Int]
    /// Per side: how many slots each case should have (0 or absent: the side lacks it).
    private(set) var expected: [[SequentialOrder.CaseKey: Int]]
    /// Per side: whether it sends requests (a reused side only contributes its results).
    let sending: [Bool]
    private var received: [[SequentialOrder.CaseKey: [CaseResult]]] = [[:], [:]]
    private var look = 0
    /// Cases at the front of ``order`` that both sides hold whole.
    private var completePrefix = 0
    private var decided: SequentialStop?
    /// A side stopped before its look was whole: nothing more is sent, nothing decided.
    private var aborted = false
    private var waiters: [UUID: (position: Int, continuation: CheckedContinuation<Bool, Never>)] =
        [:]

    init(
        options: SequentialOptions, alpha: Double, expected: [ExpectedSlots], sending: [Bool]
    ) {
        let order = SequentialOrder.cases(of: expected.flatMap(\.slots))
        self.order = order
        var position: [SequentialOrder.CaseKey: Int] = [:]
        for (i, key) in order.enumerated() { position[key] = i }
        self.position = position
        let n = order.count
        var ends: [Int] = []
        for k in 1...max(1, options.looks) {
            let end = Int((Double(n) * Double(k) / Double(max(1, options.looks))).rounded(.up))
            if end > (ends.last ?? 0) { ends.append(min(end, n)) }
        }
        if ends.isEmpty { ends = [0] }
        self.lookEnds = ends
        self.design = GroupSequentialDesign(
            fractions: ends.map { n == 0 ? 1 : Double($0) / Double(n) }, alpha: alpha)
        self.margin = options.margin
        self.expected = expected.map { side in
            var counts: [SequentialOrder.CaseKey: Int] = [:]
            for slot in side.slots {
                counts[.init(suite: slot.suite, caseID: slot.caseID), default: 0] += 1
            }
            return counts
        }
        self.sending = sending
    }

    /// The side's view, for its runner.
    nonisolated func pacer(side: Int) -> SidePacer { SidePacer(monitor: self, side: side) }

    /// Results a side already holds (a reused run, or what a resumed run stored before).
    func preload(side: Int, results: [CaseResult]) {
        for result in results { add(side: side, result) }
        // A side that sends nothing holds all it will: waiting for a case it lacks (added
        // after its run) would wait forever; the coverage check reports the gap instead.
        if !sending[side] { expected[side] = received[side].mapValues(\.count) }
        advance()
    }

    func admit(side: Int, slot: ResultSlot) async -> Bool {
        guard let pos = position[.init(suite: slot.suite, caseID: slot.caseID)] else {
            return decided == nil && !aborted
        }
        if let verdict = admission(pos) { return verdict }
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if let verdict = admission(pos) {
                    continuation.resume(returning: verdict)
                } else if Task.isCancelled {
                    continuation.resume(returning: false)
                } else {
                    waiters[id] = (pos, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    func record(side: Int, _ result: CaseResult) {
        add(side: side, result)
        advance()
    }

    func finished(side: Int) {
        // A side that ends before its current look is whole (provider down, Ctrl-C, budget)
        // can never complete it: release the other side, decide nothing.
        if decided == nil, !lookWhole(side: side) {
            aborted = true
            wakeAll()
        }
    }

    /// The decision that stopped (or ended) the compare; nil when it was cut short.
    func stop() -> SequentialStop? { aborted ? nil : decided }

    // MARK: - Internals

    private func add(side: Int, _ result: CaseResult) {
        let key = SequentialOrder.CaseKey(suite: result.suite, caseID: result.caseID)
        var list = received[side][key] ?? []
        // A resent error replaces the slot's earlier result.
        list.removeAll { $0.repeatIndex == result.repeatIndex }
        list.append(result)
        received[side][key] = list
    }

    private func whole(_ key: SequentialOrder.CaseKey, side: Int) -> Bool {
        (received[side][key]?.count ?? 0) >= (expected[side][key] ?? 0)
    }

    private func lookWhole(side: Int) -> Bool {
        order.prefix(lookEnds[look]).allSatisfy { whole($0, side: side) }
    }

    /// true or false when the case at `pos` can be answered now, nil to wait.
    private func admission(_ pos: Int) -> Bool? {
        if aborted { return false }
        if let decided { return !decided.stoppedEarly }
        return pos < lookEnds[look] ? true : nil
    }

    private func cancel(_ id: UUID) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: false)
    }

    private func wakeAll() {
        let all = waiters
        waiters = [:]
        for (_, waiter) in all {
            waiter.continuation.resume(returning: admission(waiter.position) ?? false)
        }
    }

    /// Looks at every look whose cases both sides now hold, until one decides.
    private func advance() {
        while decided == nil, !aborted {
            while completePrefix < order.count,
                whole(order[completePrefix], side: 0), whole(order[completePrefix], side: 1)
            {
                completePrefix += 1
            }
            guard completePrefix >= lookEnds[look] else { return }
            let pairs = Self.pairs(
                order.prefix(lookEnds[look]).map { key in
                    (received[0][key] ?? [], received[1][key] ?? [])
                })
            let last = look == lookEnds.count - 1
            let decision = design.decide(look: look, pairs: pairs, margin: margin)
            if decision != nil || last {
                let reason: SequentialStop.Reason
                switch decision {
                case .harm: reason = .harm
                case .benefit: reason = .benefit
                case .nonInferior: reason = .nonInferior
                case nil: reason = .end
                }
                decided = stopRecord(reason: last && decision == nil ? .end : reason, pairs: pairs)
                wakeAll()
                return
            }
            look += 1
            let open = waiters.filter { $0.value.position < lookEnds[look] }
            for (id, waiter) in open {
                waiters.removeValue(forKey: id)
                waiter.continuation.resume(returning: true)
            }
        }
    }

    private func stopRecord(reason: SequentialStop.Reason, pairs: DiscordantPairs)
        -> SequentialStop
    {
        let rest = order.dropFirst(lookEnds[look])
        var saved = 0
        for side in 0..<2 where sending[side] {
            for key in rest { saved += expected[side][key] ?? 0 }
        }
        return SequentialStop(
            looks: lookEnds.count, look: look + 1, stoppedAtCases: lookEnds[look],
            plannedCases: order.count, reason: reason,
            alphaSpent: design.cumulativeAlpha[look], alpha: design.alpha,
            boundary: design.boundaries[look], z: pairs.z, margin: margin,
            savedRequests: reason == .end ? 0 : saved)
    }

    /// The discordant pairs of cases graded on both sides, by majority over repeats (as
    /// ``Comparer`` pairs them).
    static func pairs(_ cases: [([CaseResult], [CaseResult])]) -> DiscordantPairs {
        var out = DiscordantPairs(pairs: 0, regressions: 0, improvements: 0)
        for (base, candidate) in cases {
            let b = CaseSide(results: base)
            let c = CaseSide(results: candidate)
            guard !b.errored, !c.errored, b.gradedCount > 0, c.gradedCount > 0 else { continue }
            out.pairs += 1
            if b.passed && !c.passed { out.regressions += 1 }
            if !b.passed && c.passed { out.improvements += 1 }
        }
        return out
    }
}

/// One side's view of a ``SequentialMonitor``, given to that side's runner.
struct SidePacer: RunPacer {
    let monitor: SequentialMonitor
    let side: Int

    func rank(suite: String, caseID: String) -> Int {
        SequentialOrder.rank(suite: suite, caseID: caseID)
    }
    func admit(_ slot: ResultSlot) async -> Bool { await monitor.admit(side: side, slot: slot) }
    func record(_ result: CaseResult) async { await monitor.record(side: side, result) }
    func finished() async { await monitor.finished(side: side) }
    func stop() async -> SequentialStop? { await monitor.stop() }
}
