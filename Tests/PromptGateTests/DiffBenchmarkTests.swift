import Diff
import Foundation
import Testing

/// Timing of `TextDiff.words` on model-sized outputs. Runs only with PROMPTGATE_BENCH=1
/// (bench/diff.sh builds in release and sets it).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PROMPTGATE_BENCH"] == "1"))
struct DiffBenchmarkTests {
    typealias F = DiffFixture

    /// Median wall time of `runs` calls, in milliseconds.
    func median(runs: Int = 9, _ body: () -> TextDiff) -> (ms: Double, diff: TextDiff) {
        let clock = ContinuousClock()
        var times: [Double] = []
        var last = TextDiff(ops: [])
        for _ in 0..<runs {
            let elapsed = clock.measure { last = body() }
            times.append(
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds)
                    * 1e3)
        }
        return (times.sorted()[runs / 2], last)
    }

    /// Two 20,000-word outputs in paragraphs, with 60 scattered word edits.
    func pair(lines: Bool) -> (old: String, new: String) {
        var rng = F.SeededGenerator(seed: 42)
        let vocabulary = (0..<3_000).map { "word\($0)" } + F.vocabulary
        var words = (0..<20_000).map { _ in vocabulary.randomElement(using: &rng) ?? "x" }
        let separators = (0..<20_000).map { i in
            lines && i % 60 == 59 ? "\n" : (i % 12 == 11 ? ". " : " ")
        }
        let old = zip(words, separators).map { $0 + $1 }.joined()
        for _ in 0..<60 { words[Int.random(in: 0..<words.count, using: &rng)] = "edited" }
        let new = zip(words, separators).map { $0 + $1 }.joined()
        return (old, new)
    }

    @Test func twentyThousandWordOutputs() {
        for lines in [true, false] {
            let (old, new) = pair(lines: lines)
            let (ms, diff) = median { TextDiff.words(old, new) }
            F.expectValid(diff, old, new)
            let shape = lines ? "in 334 lines" : "on one line"
            print(
                "diff-bench: 20,000 words \(shape), 60 edits: median \(String(format: "%.2f", ms)) ms"
            )
            #if !DEBUG
                #expect(ms < 50, "20,000-word diff took \(ms) ms")
            #endif
        }
    }

    @Test func identicalAndRewrittenOutputs() {
        let (old, _) = pair(lines: true)
        let copy = String(decoding: Array(old.utf8), as: UTF8.self)  // a distinct buffer
        let (same, _) = median { TextDiff.words(old, copy) }
        print("diff-bench: identical 20,000 words: median \(String(format: "%.3f", same)) ms")
        var rng = F.SeededGenerator(seed: 9)
        let other = (0..<20_000).map { _ in "other\(Int.random(in: 0..<5_000, using: &rng))" }
        var shuffled = old.split(separator: " ", omittingEmptySubsequences: false)
        shuffled.shuffle(using: &rng)
        for (name, text) in [
            ("shuffled words", shuffled.joined(separator: " ")),
            ("one line", other.joined(separator: " ")), ("lines", other.joined(separator: "\n")),
        ] {
            let (ms, diff) = median(runs: 3) { TextDiff.words(old, text) }
            F.expectValid(diff, old, text)
            print(
                "diff-bench: full rewrite of 20,000 words (\(name)): median \(String(format: "%.1f", ms)) ms"
            )
        }
    }
}
