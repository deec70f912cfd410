import Foundation
import TestKit

/// A small project wired to a fake model server, for end-to-end runs of the binary.
enum E2EProject {
    static func config(
        baseURL: String, timeout: Double = 5, maxConcurrency: Int = 64, extraProvider: String = ""
    ) -> String {
        """
        providers:
          fake:
            type: openai
            base_url: \(baseURL)/v1
            api_key_env: OPENAI_API_KEY
            model: fake-model
            params: { temperature: 0, max_tokens: 50 }
            max_concurrency: \(maxConcurrency)
            timeout: \(timeout)
        \(extraProvider)
        defaults: { provider: fake, concurrency: 8 }

        """
    }

    static let prompt = """
        id: bot
        version: "1.0"
        messages:
          - role: system
            content: You are a test bot.
          - role: user
            content: "{{ q }}"

        """

    /// A suite whose cases are (id, question, assertions in flow YAML).
    static func suite(_ name: String = "s", cases: [(String, String, [String])]) -> String {
        var out = "suite: \(name)\nprompt: bot\ncases:\n"
        for (id, q, asserts) in cases {
            let quoted = q.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            out += "  - id: \(id)\n    vars: { q: \"\(quoted)\" }\n"
            if !asserts.isEmpty {
                out += "    assert:\n" + asserts.map { "      - \($0)\n" }.joined()
            }
        }
        return out
    }

    static func make(
        server: FakeModelServer, suites: [String: String], timeout: Double = 5,
        maxConcurrency: Int = 64, extraProvider: String = ""
    ) throws -> TempProject {
        var files = [
            "promptgate.yaml": config(
                baseURL: server.baseURL, timeout: timeout, maxConcurrency: maxConcurrency,
                extraProvider: extraProvider),
            "prompts/bot/v1.0.yaml": prompt,
        ]
        for (name, text) in suites { files["suites/\(name).yaml"] = text }
        return try TempProject(files: files)
    }

    static let env = ["OPENAI_API_KEY": "sk-test-SECRET-123"]

    /// Parses a `--format json` run report.
    static func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else {
            throw TestSupportError("not a JSON object: \(text.prefix(200))")
        }
        return object
    }

    static func cases(_ report: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for c in report["cases"] as? [[String: Any]] ?? [] {
            let key = "\(c["id"] as? String ?? "")#\(c["repeat"] as? Int ?? 0)"
            out[key] = c
        }
        return out
    }
}
