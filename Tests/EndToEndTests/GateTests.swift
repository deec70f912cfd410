import Basics
import Foundation
import TestKit
import Testing

/// Shared fixture of the gate and promote end-to-end tests: prompt v1 sends "A|<case id>",
/// v2 sends "B|<case id>", and the script answers by the case id's prefix.
enum GateTests {
    /// By prefix: `reg` passes on v1 and fails on v2, `imp` the reverse, `fail` fails on both,
    /// `long` costs more on v2, `slow` is slow on v2; anything else passes on both.
    static let script = """
        {"rules": [
          {"match": "A|reg", "reply": "good answer"},
          {"match": "B|reg", "reply": "bad answer"},
          {"match": "A|imp", "reply": "bad"},
          {"match": "B|imp", "reply": "good"},
          {"match": "|fail", "reply": "bad"},
          {"match": "B|long", "reply": "good, and then a great many more words that each cost"},
          {"match": "B|slow", "reply": "good", "delay_ms": 400},
          {"match": "|", "reply": "good"}
        ]}
        """

    /// A git identity for `who` in the history, independent of the machine's configuration.
    static func environment(gitConfig: String) -> [String: String] {
        E2EProject.env.merging([
            "GIT_CONFIG_GLOBAL": gitConfig, "GIT_CONFIG_NOSYSTEM": "1",
        ]) { _, new in new }
    }

    /// A case: id (its prefix picks the script's behaviour) and tags.
    struct Case {
        var id: String
        var tags: [String] = ["general"]
    }

    static func suite(_ name: String, _ cases: [Case], gate: String? = nil) -> String {
        var out = "suite: \(name)\nprompt: bot\n"
        if let gate { out += "gate:\n" + indent(gate) }
        out += "cases:\n"
        for c in cases {
            out += "  - id: \(c.id)\n    vars: { q: \"\(c.id)\" }\n"
            out += "    tags: [\(c.tags.joined(separator: ", "))]\n"
            out += "    assert: [{ type: contains, value: good }]\n"
        }
        return out
    }

    static func prompt(_ version: String, _ marker: String) -> String {
        "id: bot\nversion: \"\(version)\"\nmessages:\n  - { role: user, content: \"\(marker)|{{ q }}\" }\n"
    }

    static func config(server: FakeModelServer, gate: String?) -> String {
        var text = E2EProject.config(baseURL: server.baseURL)
        if let gate { text += "gate:\n" + indent(gate) }
        return text
    }

    /// A project with prompts v1 and v2, suite files by name, and a project `gate:` policy.
    static func project(
        server: FakeModelServer, gate: String? = nil, suites: [String: String]
    ) throws -> TempProject {
        var files = [
            "promptgate.yaml": config(server: server, gate: gate),
            "prompts/bot/v1.yaml": prompt("1", "A"),
            "prompts/bot/v2.yaml": prompt("2", "B"),
            ".gitconfig": "[user]\n\tname = Test Person\n",
        ]
        for (name, text) in suites { files["suites/\(name).yaml"] = text }
        return try TempProject(files: files)
    }

    /// Replaces the project's `gate:` policy (the stored runs stay reusable).
    static func setPolicy(_ project: TempProject, server: FakeModelServer, gate: String?) throws {
        try project.write("promptgate.yaml", config(server: server, gate: gate))
    }

    /// Runs `promptgate ARGS` in the project with the test key and git identity.
    static func run(_ arguments: [String], in project: TempProject, timeout: Double = 30)
        async throws -> CLIProcess.Result
    {
        try await CLIProcess.run(
            arguments, in: project.root,
            environment: environment(gitConfig: project.path(".gitconfig")), timeout: timeout)
    }

    /// `gate bot@1 bot@2` plus `extra` flags.
    static func gate(_ project: TempProject, _ extra: [String] = []) async throws
        -> CLIProcess.Result
    {
        try await run(["gate", "bot@1", "bot@2"] + extra, in: project)
    }

    /// The `✗` reason lines of a text gate report, without the marker.
    static func reasons(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            line.hasPrefix("  ✗ ") ? String(line.dropFirst(4)) : nil
        }
    }

    /// The `!` warning lines of a text gate report.
    static func warnings(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            line.hasPrefix("  ! ") ? String(line.dropFirst(4)) : nil
        }
    }

    /// The `•` note lines of a text gate report.
    static func notes(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            line.hasPrefix("  • ") ? String(line.dropFirst(4)) : nil
        }
    }

    /// Changes exactly one byte of a file: the first `from` becomes `to` (same length, one
    /// byte apart), so the file stays valid YAML or JSON but its digest changes.
    static func editOneByte(_ project: TempProject, _ relative: String, from: String, to: String)
        throws
    {
        let before = [UInt8](try Data(contentsOf: URL(fileURLWithPath: project.path(relative))))
        let text = String(decoding: before, as: UTF8.self)
        guard let range = text.range(of: from) else {
            throw TestSupportError("\(relative) does not contain \(from)")
        }
        let after = Array(text.replacingCharacters(in: range, with: to).utf8)
        let changed = zip(before, after).filter { $0 != $1 }.count
        guard after.count == before.count, changed == 1 else {
            throw TestSupportError("\(from) → \(to) is not a one-byte edit")
        }
        try Data(after).write(to: URL(fileURLWithPath: project.path(relative)))
    }

    static func sha256(_ project: TempProject, _ relative: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: project.path(relative)))
        return Digest.sha256Hex(data)
    }

    private static func indent(_ block: String) -> String {
        block.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.isEmpty }.map { "  \($0)\n" }.joined()
    }
}
