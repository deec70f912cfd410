import Foundation
import Glibc
import SQLite
import Synchronization
import TestKit
import Testing

/// `history` and `show` tell a run still going in another process from one whose process
/// was killed: the first is `running` with its owner, the second `stale` with its stored
/// result count and the command that finishes it. Requests take 1 s, so the checks finish
/// well before the run would, even on a loaded machine.
@Suite struct RunStateTests {
    /// Stored results of run 1, read as another process would; nil until the store exists.
    static func storedResults(_ project: TempProject) -> Int? {
        let path = project.path(".promptgate/promptgate.db")
        guard FileManager.default.fileExists(atPath: path),
            let db = try? SQLiteDatabase(path: path),
            case .integer(let n)? = try? db.queryValue(
                "SELECT COUNT(*) FROM results WHERE run_id = 1")
        else { return nil }
        return Int(n)
    }

    static func line(_ history: String, run id: Int) -> String {
        history.split(separator: "\n").first { $0.hasPrefix("\(id) ") }.map(String.init) ?? ""
    }

    @Test func aKilledRunIsStaleAndALiveOneIsRunning() async throws {
        // 3 s a reply: the run lasts a minute, time for the checks below on a loaded machine.
        let server = try await FakeModelServer.start(arguments: ["--latency-ms", "3000"])
        defer { server.stop() }
        let cases = (0..<40).map { ("c\($0)", "question \($0)", [String]()) }
        let project = try E2EProject.make(
            server: server, suites: ["s": E2EProject.suite(cases: cases)])
        let pid = Atomic<Int32>(0)
        let running = Task {
            try await CLIProcess.run(
                ["run", "--prompt", "bot@1.0", "--concurrency", "2", "--no-cache"],
                in: project.root, environment: E2EProject.env, timeout: 300,
                onStart: { pid.store($0, ordering: .relaxed) })
        }
        // Wait until a few results are stored (startup time varies with load).
        var stored = 0
        for _ in 0..<600 {
            stored = Self.storedResults(project) ?? 0
            if stored >= 2 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(stored >= 2, "the run stored results")

        // Still going in another process: running, with whose it is.
        let owner = pid.load(ordering: .relaxed)
        let live = try await CLIProcess.run(["history"], in: project.root)
        let liveLine = Self.line(live.stdout, run: 1)
        #expect(liveLine.contains("running     "), "\(live.stdout)")
        #expect(liveLine.contains("/40 results  (process \(owner) on "), "\(live.stdout)")
        let liveJSON = try E2EProject.json(
            try await CLIProcess.run(["history", "--format", "json"], in: project.root).stdout)
        let liveRun = try #require((liveJSON["runs"] as? [[String: Any]])?.first)
        #expect(liveRun["status"] as? String == "running")
        #expect((liveRun["owner"] as? [String: Any])?["pid"] as? Int == Int(owner))
        let busy = try await CLIProcess.run(
            ["run", "--resume", "1"], in: project.root, environment: E2EProject.env)
        #expect(busy.status == 2)
        #expect(
            busy.stderr.hasPrefix("error: run 1 is still running (process \(owner) on "),
            "\(busy.stderr)")

        kill(owner, SIGKILL)
        let killed = try await running.value
        #expect(killed.status == 128 + SIGKILL)
        let count = try #require(Self.storedResults(project))
        #expect(count > 0 && count < 40, "killed mid-run: \(count) stored")

        let history = try await CLIProcess.run(["history"], in: project.root)
        #expect(history.status == 0)
        let line = Self.line(history.stdout, run: 1)
        #expect(
            line.contains(
                "stale       \(count)/40 results  (process gone; promptgate run --resume 1)  s (fake, live)"
            ), "\(history.stdout)")
        let json = try E2EProject.json(
            try await CLIProcess.run(["history", "--format", "json"], in: project.root).stdout)
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        #expect(run["status"] as? String == "stale")
        #expect(run["resume"] as? String == "promptgate run --resume 1")
        let summary = try #require(run["summary"] as? [String: Any])
        #expect(summary["total"] as? Int == count && summary["planned"] as? Int == 40)
        let shown = try await CLIProcess.run(["show", "1", "--format", "json"], in: project.root)
        #expect(try E2EProject.json(shown.stdout)["status"] as? String == "stale")
        let shownText = try await CLIProcess.run(["show", "1"], in: project.root)
        #expect(shownText.stdout.contains("[stale]"), "\(shownText.stdout)")
        #expect(
            shownText.stdout.contains(
                "its process is gone; finish it with 'promptgate run --resume 1'"))

        // Resumed, it finishes and is no one's any more.
        let resumed = try await CLIProcess.run(
            ["run", "--resume", "1", "--concurrency", "8", "--no-cache"], in: project.root,
            environment: E2EProject.env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let after = try await CLIProcess.run(["history"], in: project.root)
        #expect(Self.line(after.stdout, run: 1).contains("completed   100.0%  40/40 passed"))
        #expect(!FileManager.default.fileExists(atPath: project.path(".promptgate/runs/1.lock")))
    }
}
