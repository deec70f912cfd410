import Foundation
import Testing

@testable import Basics
@testable import PromptGateModel
@testable import SQLite
@testable import Store

/// Who runs a stored run: the running store holds its lock, so it reads `running`; once
/// nobody holds it, a run still stored as `running` reads `stale`. Stores from before owners
/// were recorded migrate and keep working.
@Suite struct RunStoreOwnerTests {
    static func info(status: RunInfo.Status = .running) -> RunInfo {
        RunInfo(
            startedAt: "2025-01-01T00:00:00Z", promptID: "bot", promptVersion: "1.0",
            prompt: .init(path: "p", sha256: "x"), suites: [], suiteNames: ["s"],
            providerName: "fake", providerConfig: "{}", providerSHA256: "x",
            promptgateVersion: "0", status: status, repeatCount: 1, mode: "live")
    }

    @Test func aRunIsLiveWhileItsStoreHoldsTheLockAndStaleAfter() async throws {
        let directory = try SQLiteTestDirectory()
        let path = directory.path(".promptgate/promptgate.db")
        let lock = RunLock.path(store: path, runID: 1)
        do {
            let store = try RunStore(path: path)
            let id = try await store.createRun(Self.info())
            #expect(id == 1)
            #expect(FileManager.default.fileExists(atPath: lock))
            #expect(try await store.run(id)?.status == .running)
            #expect(
                try await store.owner(id) == RunOwner(pid: getpid(), host: RunOwner.current.host))
            // Another connection (as another process would) sees the lock held too.
            let other = try RunStore(path: path)
            #expect(try await other.run(id)?.status == .running)
            #expect(try await other.reusableRun(like: Self.info(), unfinished: true) == nil)
            await #expect(throws: PromptGateError.self) { try await other.claimRun(id) }
        }
        // The store that ran it is gone without finishing it: as after a SIGKILL.
        let store = try RunStore(path: path)
        #expect(try await store.run(1)?.status == .stale)
        #expect(try await store.runs(limit: 5).map(\.status) == [.stale])
        #expect(try await store.reusableRun(like: Self.info(), unfinished: true)?.id == 1)
        // Resuming makes it this process's and running again; finishing lets it go.
        try await store.claimRun(1)
        #expect(try await RunStore(path: path).run(1)?.status == .running)
        try await store.finish(
            runID: 1, status: .completed, summary: RunSummary(), finishedAt: "t", recordings: [])
        #expect(!FileManager.default.fileExists(atPath: lock), "the lock file is removed")
        #expect(try await RunStore(path: path).run(1)?.status == .completed)
    }

    @Test func aStoreFromBeforeOwnersMigratesAndItsRunningRunsReadStale() async throws {
        let directory = try SQLiteTestDirectory()
        let path = directory.path("promptgate.db")
        do {
            let db = try SQLiteDatabase(path: path)
            try db.migrate(Array(StoreSchema.migrations.prefix(4)))
            for (status, summary) in [("running", "NULL"), ("completed", "'{\"total\":1}'")] {
                try db.execute(
                    """
                    INSERT INTO runs (started_at, prompt_id, prompt_version, prompt_path,
                      prompt_sha256, suites_json, suite_names_json, provider_name, provider_config,
                      provider_sha256, promptgate_version, status, repeat_count, mode, summary_json)
                    VALUES ('t', 'bot', '1.0', 'p', 'x', '[]', '["s"]', 'fake', '{}', 'x', '0',
                      '\(status)', 1, 'live', \(summary))
                    """)
            }
        }
        let store = try RunStore(path: path)
        let db = try SQLiteDatabase(path: path)
        #expect(try db.userVersion == StoreSchema.migrations.count)
        // Migrations 5 (the owner) and 6 (`regrade`'s source run) added their columns.
        #expect(
            try db.columns(of: "runs").suffix(3) == ["owner_pid", "owner_host", "regraded_from"])
        #expect(try await store.run(1)?.regradedFrom == nil)
        #expect(try await store.runs(limit: 5).map(\.status) == [.completed, .stale])
        #expect(try await store.owner(1) == nil)
        #expect(try await store.run(2)?.summary?.total == 1)
        // New runs in the migrated store record their owner.
        let id = try await store.createRun(Self.info())
        #expect(try await store.owner(id)?.pid == getpid())
    }
}
