/// A suite's results counted (the JUnit report's `testsuite` elements).
public struct SuiteTally: Sendable, Hashable {
    public var suite: String
    public var tests = 0
    public var failures = 0
    public var errors = 0
    public var latencyMs = 0.0

    public init(
        suite: String, tests: Int = 0, failures: Int = 0, errors: Int = 0,
        latencyMs: Double = 0
    ) {
        self.suite = suite
        self.tests = tests
        self.failures = failures
        self.errors = errors
        self.latencyMs = latencyMs
    }

    public mutating func add(_ r: CaseResult) {
        tests += 1
        if r.error != nil { errors += 1 } else if !r.passed { failures += 1 }
        latencyMs += r.latencyMs ?? 0
    }
}
