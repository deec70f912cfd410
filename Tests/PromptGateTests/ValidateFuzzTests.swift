import Foundation
import ProjectValidation
import TestKit
import Testing

/// No input file, however malformed, crashes `validate`: thousands of mutated documents
/// go through it in process, and each comes back as diagnostics with positions.
@Suite struct ValidateFuzzTests {
    /// SplitMix64: reproducible mutations from a fixed seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [[UInt8]] =
        [
            ":", "-", "{", "}", "[", "]", "\t", "'", "\"", "&a", "*a", "*zz", "!!int", "\n", " ",
            "#",
            "|", ">", "%YAML 1.1\n", "@", "`", "? ", "<<: *a", "---\n", "...\n", "\\", "é", "😀",
        ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xE2, 0x82]]

    static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !bytes.isEmpty else { return Self.pieces.randomElement(using: &rng) ?? [] }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(contentsOf: Self.pieces.randomElement(using: &rng) ?? [], at: at)
            case 2: bytes = Array(bytes[..<at])
            case 3:
                let end = min(bytes.count, at + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 4: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            default:
                let end = min(bytes.count, at + Int.random(in: 1...80, using: &rng))
                bytes.removeSubrange(at..<end)
            }
        }
        return bytes
    }

    @Test func thousandsOfMutatedDocumentsGiveDiagnosticsNotCrashes() throws {
        let repo = TempProject.repositoryRoot
        let seeds = [
            "suites/multilingual.yaml", "suites/billing-policy.yaml", "prompts/support/v1.3.yaml",
            "promptgate.yaml",
        ]
        .compactMap { path in
            FileManager.default.contents(atPath: repo + "/" + path).map { (path, [UInt8]($0)) }
        }
        #expect(seeds.count == 4, "example files missing")
        let project = try TempProject(files: [:])
        let files = [
            "promptgate.yaml", "prompts/support/v1.1.yaml", "prompts/support/v1.2.yaml",
            "prompts/support/v1.3.yaml", "suites/multilingual.yaml", "suites/billing-policy.yaml",
        ]
        for path in files {
            try project.write(
                path,
                String(
                    decoding: FileManager.default.contents(atPath: repo + "/" + path) ?? Data(),
                    as: UTF8.self))
        }
        var rng = SeededGenerator(state: 20_261_125)
        var withErrors = 0
        let iterations = 2000
        for i in 0..<iterations {
            let (path, original) = seeds[i % seeds.count]
            let mutated = Self.mutate(original, using: &rng)
            try Data(mutated).write(to: URL(fileURLWithPath: project.path(path)))
            let report = try Validation.run(root: project.root).1
            if !report.ok { withErrors += 1 }
            for d in report.diagnostics where d.file == path {
                #expect(
                    d.line >= 1 && d.column >= 1, "unpositioned: \(d.headline) after mutation \(i)")
            }
            // Put the pristine file back so the next mutation starts from a valid project.
            try Data(original).write(to: URL(fileURLWithPath: project.path(path)))
        }
        // Most mutations break something; all of them must come back as a report.
        #expect(withErrors > iterations / 2)
    }
}
