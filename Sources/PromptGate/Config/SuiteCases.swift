import Dispatch
import Foundation
import Synchronization
import YAMLCoding

/// Decodes the items of a suite's `cases:` list. Each case decodes on its own (one bad case
/// does not hide the problems of the others), so big suites are split into slices decoded
/// on all cores; results come back in source order either way.
enum SuiteCases {
    /// Below this many cases one thread is faster than handing work to others.
    static let parallelThreshold = 1_000

    static func decode(
        _ items: [YAMLNode], with decoder: YAMLDecoder
    ) -> (cases: [TestCase], diagnostics: [Diagnostic]) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard items.count >= parallelThreshold, cores > 1 else {
            return decode(items, range: items.indices, with: decoder)
        }
        // More slices than cores, so a core that finishes early takes the next one.
        let slices = cores * 4
        let size = (items.count + slices - 1) / slices
        let results = Mutex<[(cases: [TestCase], diagnostics: [Diagnostic])?]>(
            Array(repeating: nil, count: slices))
        // CPU-bound work on this thread and idle workers; nothing here waits on I/O.
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let start = min(slice * size, items.count)
            let range = start..<min(start + size, items.count)
            let result = decode(items, range: range, with: decoder)
            results.withLock { $0[slice] = result }
        }
        var cases: [TestCase] = []
        var diagnostics: [Diagnostic] = []
        cases.reserveCapacity(items.count)
        for case let result? in results.withLock({ $0 }) {
            cases += result.cases
            diagnostics += result.diagnostics
        }
        return (cases, diagnostics)
    }

    private static func decode(
        _ items: [YAMLNode], range: Range<Int>, with decoder: YAMLDecoder
    ) -> (cases: [TestCase], diagnostics: [Diagnostic]) {
        var cases: [TestCase] = []
        var diagnostics: [Diagnostic] = []
        cases.reserveCapacity(range.count)
        for index in range {
            do {
                let path: [any CodingKey] = [PathKey("cases"), PathKey(index)]
                cases.append(
                    try decoder.decode(TestCase.self, from: items[index], codingPath: path))
            } catch {
                diagnostics.append(Diagnostic(error))
            }
        }
        return (cases, diagnostics)
    }
}
