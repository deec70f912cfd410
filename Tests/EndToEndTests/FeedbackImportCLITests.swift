import Feedback
import Foundation
import SQLite
import TestKit
import Testing

/// `promptgate feedback import` through the built binary, on the example export (examples/feedback) and on
/// hand-made files with odd shapes.
@Suite struct FeedbackImportCLITests {
    static let config = "providers:\n  p: { type: openai, model: m }\n"
    static let data = TempProject.repositoryRoot + "/examples/feedback"
    let project: TempProject

    init() throws {
        project = try TempProject(files: ["promptgate.yaml": Self.config])
    }

    private func run(_ args: [String]) async throws -> CLIProcess.Result {
        try await CLIProcess.run(["feedback"] + args, in: project.root, timeout: 120)
    }

    private func summary(_ args: [String]) async throws -> [String: Any] {
        let result = try await run(args + ["--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        return try E2EProject.json(result.stdout)
    }

    @Test func sampleExportImportsOnceFromEachFormat() async throws {
        let first = try await run(["import", Self.data + "/feedback-sample.jsonl"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout.contains(
                "imported 600 feedback records, 0 duplicates, 0 rejected"), "\(first.stdout)")
        #expect(first.stdout.contains("negative feedback: 251 of the 600 imported"))
        let again = try await summary(["import", Self.data + "/feedback-sample.jsonl"])
        #expect(again["imported"] as? Int == 0 && again["duplicates"] as? Int == 600)
        let sqlite = try await summary(["import", Self.data + "/feedback-sample.sqlite"])
        #expect(sqlite["table"] as? String == "feedback")
        #expect(sqlite["imported"] as? Int == 0 && sqlite["duplicates"] as? Int == 600)
        #expect((sqlite["errors"] as? [Any])?.isEmpty == true)

        let outcomes = try await summary([
            "import", "--outcomes", Self.data + "/feedback-sample-outcomes.jsonl",
        ])
        #expect(outcomes["imported"] as? Int == 1200 && outcomes["kind"] as? String == "outcomes")
        let outcomesAgain = try await summary([
            "import", "--outcomes", Self.data + "/feedback-sample.sqlite",
        ])
        #expect(outcomesAgain["table"] as? String == "outcomes")
        #expect(
            outcomesAgain["imported"] as? Int == 0 && outcomesAgain["duplicates"] as? Int == 1200)
    }

    @Test func csvWithOddShapes() async throws {
        let csv =
            "\u{FEFF}Question,Answer,Thumbs,Comment\r\n"
            + "\"How do I, like, reset?\",\"Go to \"\"Settings\"\",\r\nthen Reset\",down,\"mail me: bob@corp.example.com\"\r\n"
            + "Hi,Hello,up\r\n"
            + "\r\n"
            + "q,a,3,x\r\n"
            + "q2,a2,1,x,extra\r\n"
            + "\"never closed,a\r\n"
        try project.write("odd.csv", csv)
        let result = try await run(["import", "odd.csv", "--format", "json"])
        #expect(result.status == 0, "rejected rows do not fail the import: \(result.stderr)")
        let object = try E2EProject.json(result.stdout)
        #expect(object["imported"] as? Int == 2 && object["rejected"] as? Int == 3)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["line"] as? Int } == [6, 7, 8])
        #expect((errors.first?["message"] as? String)?.contains("rating") == true)
        #expect((object["redacted"] as? [String: Int])?["email"] == 1)
        let text = try await run(["import", "odd.csv"])
        #expect(text.stdout.contains("0 feedback records, 2 duplicates, 3 rejected"))
        #expect(text.stdout.contains("rejected line 8: unterminated quoted field"))
    }

    @Test func unterminatedQuoteRejectsEveryLineItSwallowed() async throws {
        try project.write(
            "open.csv",
            "user_input,response,rating\nhi,hello,1\n\"oops,fine,1\nq4,a4,-1\nq5,a5,1\n")
        let message =
            "unterminated quoted field starting here; the remaining 3 lines (3–5) could not be read"
        let result = try await run(["import", "open.csv", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try E2EProject.json(result.stdout)
        #expect(object["imported"] as? Int == 1 && object["rejected"] as? Int == 3)
        #expect(object["errors_omitted"] as? Int == 0)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["line"] as? Int == 3 && errors.first?["last_line"] as? Int == 5)
        #expect(errors.first?["lines"] as? Int == 3)
        #expect(errors.first?["message"] as? String == message)
        try project.write("open2.csv", "user_input,response,rating\n\"oops,fine,1\nq,a,1\n")
        let text = try await run(["import", "open2.csv"])
        #expect(
            text.stdout
                == "open2.csv: imported 0 feedback records, 0 duplicates, 2 rejected\n"
                + "  rejected line 2: unterminated quoted field starting here; the remaining 2 lines (2–3) could not be read\n",
            "\(text.stdout)")
        #expect(text.status == 1, "every row was lost")
    }

    @Test func sqliteWithOtherColumnNamesAndMap() async throws {
        let path = project.path("logs.sqlite")
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute(
                """
                CREATE TABLE chat_logs (ts INTEGER, q TEXT, a TEXT, vote TEXT, ver TEXT, notes TEXT);
                INSERT INTO chat_logs VALUES
                  (1727770320, 'Where is my invoice? call 555-123-4567', 'Billing > Invoices', 'thumbs_down', '1.2', NULL),
                  (1727770380000, NULL, NULL, 'up', '1.2', NULL),
                  (1727770440, 'q', 'a', 'sideways', '1.2', 'x');
                """)
        }
        let object = try await summary([
            "import", "logs.sqlite", "--map", "user_input=q", "--map", "response=a",
            "--map", "prompt_version=ver",
        ])
        #expect(object["imported"] as? Int == 1 && object["rejected"] as? Int == 2)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["rowid"] as? Int } == [2, 3])
        #expect((object["redacted"] as? [String: Int])?["phone"] == 1)
        let store = try FeedbackStore(path: project.path(".promptgate/promptgate.db"))
        let record = try #require(try store.entries().first?.record)
        #expect(record.createdAt == "2024-10-01T08:12:00Z" && record.promptVersion == "1.2")
        #expect(record.userInput == "Where is my invoice? call [PHONE]" && record.rating == -1)
    }

    @Test func everyRowRejectedExitsOne() async throws {
        try project.write("wrong.jsonl", "{\"q\": \"a\", \"thumb\": 1}\n{\"q\": \"b\"}\n")
        let result = try await run(["import", "wrong.jsonl"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("0 feedback records, 0 duplicates, 2 rejected"))
        #expect(result.stdout.contains("--map user_input=COLUMN"))
        let mapped = try await run(["import", "wrong.jsonl", "--map", "user_input=q"])
        #expect(mapped.status == 0 && mapped.stdout.contains("imported 1 feedback record"))
        let unseen = try await run(["import", "wrong.jsonl", "--map", "response=answer"])
        #expect(unseen.stderr.contains("--map response=answer: no row has a column 'answer'"))
    }

    @Test func emptyFilesImportNothingAndSucceed() async throws {
        try project.write("empty.jsonl", "")
        try project.write("header.csv", "user_input,rating\n")
        for file in ["empty.jsonl", "header.csv"] {
            let result = try await run(["import", file])
            #expect(result.status == 0 && result.stdout.contains("no rows; nothing to import"))
        }
    }

    @Test func usageErrorsExitTwo() async throws {
        try project.write("x.jsonl", "{}\n")
        try project.write("x.txt", "hello\n")
        let cases: [([String], String)] = [
            (["import", "missing.jsonl"], "missing.jsonl: no such file"),
            (["import", "x.jsonl", "--as", "xml"], "--as takes one of jsonl, csv, sqlite"),
            (["import", "x.jsonl", "--map", "user_inptu=q"], "did you mean 'user_input'?"),
            (["import", "x.jsonl", "--map", "user_input"], "--map takes FIELD=COLUMN"),
            (["import", "x.txt"], "pass --as jsonl|csv|sqlite"),
            (["import", "x.jsonl", "--table", "t"], "--table applies to SQLite sources"),
            (["import"], "needs a SOURCE"),
            (["imprt", "x.jsonl"], "did you mean 'import'?"),
            (["import", "x.jsonl", "--min-correction-chars", "3"], "does not apply"),
            ([], "needs a subcommand"),
        ]
        for (args, message) in cases {
            let result = try await run(args)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
        }
        let help = try await CLIProcess.run(["help", "feedback"], in: project.root)
        #expect(help.status == 0 && help.stdout.contains("export-finetune"))
    }

    @Test func negativeSignalFollowsPromptgateYAML() async throws {
        try project.write(
            "promptgate.yaml",
            Self.config
                + "feedback:\n  negative: { thumbs_down: false, signals: [], correction: false }\n")
        let object = try await summary(["import", Self.data + "/feedback-sample.jsonl"])
        #expect(object["negatives"] as? Int == 16, "only stars ≤ 2 remain negative")
        try project.write("promptgate.yaml", Self.config + "feedback:\n  negativ: {}\n")
        let broken = try await run(["import", Self.data + "/feedback-sample.jsonl"])
        #expect(broken.status == 2 && broken.stderr.contains("unknown key 'negativ'"))
    }

    /// Not a benchmark (see bench/feedback-import.sh): a 10 MB file, 40 read chunks, streams
    /// through (kept small so parallel tests with timing bounds are not starved).
    @Test func largeGeneratedFileStreams() async throws {
        let path = project.path("big.jsonl")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let out = FileHandle(forWritingAtPath: path) else {
            throw TestSupportError("cannot write \(path)")
        }
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 20)
        var chunk = ""
        let count = 8_700
        for i in 0..<count {
            chunk +=
                "{\"id\": \(i), \"user_input\": \"question \(i) \(filler)\", \"response\": \"answer \(filler)\", \"rating\": \(i % 3 == 0 ? -1 : 1)}\n"
            if i % 1000 == 999 {
                try out.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try out.write(contentsOf: Data(chunk.utf8))
        try out.close()
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size > 9_500_000 && size < 10_500_000, "\(size) bytes")
        let object = try await summary(["import", "big.jsonl"])
        #expect(object["imported"] as? Int == count && object["negatives"] as? Int == count / 3)
    }
}
