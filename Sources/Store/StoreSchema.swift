/// The store's schema, one migration per version. Append; never edit a shipped migration.
package enum StoreSchema {
    package static let migrations: [String] = [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            git_commit TEXT,
            prompt_id TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            prompt_path TEXT NOT NULL,
            prompt_sha256 TEXT NOT NULL,
            suites_json TEXT NOT NULL,
            suite_names_json TEXT NOT NULL,
            provider_name TEXT NOT NULL,
            provider_config TEXT NOT NULL,
            provider_sha256 TEXT NOT NULL,
            promptgate_version TEXT NOT NULL,
            status TEXT NOT NULL,
            repeat_count INTEGER NOT NULL,
            mode TEXT NOT NULL,
            recordings_json TEXT NOT NULL DEFAULT '[]',
            summary_json TEXT
        );
        CREATE TABLE results (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            suite TEXT NOT NULL,
            case_id TEXT NOT NULL,
            repeat_index INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            tags_json TEXT NOT NULL,
            messages_json TEXT NOT NULL,
            output TEXT,
            passed INTEGER NOT NULL,
            score REAL NOT NULL,
            assertions_json TEXT NOT NULL,
            latency_ms REAL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            finish_reason TEXT,
            error TEXT,
            request_key TEXT NOT NULL,
            origin TEXT NOT NULL,
            PRIMARY KEY (run_id, suite, case_id, repeat_index)
        );
        CREATE INDEX runs_prompt ON runs(prompt_id, prompt_version);
        """,
        // 2: gate records; the JSON file in .promptgate/gates/ is the same text.
        """
        CREATE TABLE gates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            prompt_id TEXT NOT NULL,
            candidate_version TEXT NOT NULL,
            base_ref TEXT NOT NULL,
            decision TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX gates_candidate ON gates(prompt_id, candidate_version);
        """,
        // 3: the response cache, keyed like recordings (never by an API key), a slot per repeat.
        """
        CREATE TABLE cache (
            request_key TEXT NOT NULL,
            repeat_index INTEGER NOT NULL,
            response TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (request_key, repeat_index)
        );
        CREATE INDEX cache_created ON cache(created_at);
        """,
        // 4: imported feedback and A/B outcomes (Feedback/FeedbackStore.swift).
        """
        CREATE TABLE feedback (
            key TEXT PRIMARY KEY,
            id TEXT,
            created_at TEXT,
            session_id TEXT,
            request_id TEXT,
            feedback_type TEXT,
            rating INTEGER,
            stars INTEGER,
            signal TEXT,
            comment TEXT,
            correction TEXT,
            edited_text TEXT,
            follow_up_text TEXT,
            system_prompt TEXT,
            user_input TEXT,
            response TEXT,
            model TEXT,
            prompt_version TEXT,
            latency_ms REAL,
            is_negative INTEGER NOT NULL,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX feedback_version ON feedback(prompt_version);
        CREATE INDEX feedback_negative ON feedback(is_negative);
        CREATE TABLE outcomes (
            session_id TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            outcome TEXT,
            time_to_outcome_ms REAL,
            satisfied INTEGER,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (session_id, prompt_version)
        );
        """,
        // 5: the process that runs a run (RunLock.swift), so `history` can tell a live run from
        // a killed one. Runs stored before have none: with no lock held they read as stale.
        """
        ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
        ALTER TABLE runs ADD COLUMN owner_host TEXT;
        """,
        // 6: the run a `promptgate regrade` run took its outputs from (RunInfo.regradedFrom).
        """
        ALTER TABLE runs ADD COLUMN regraded_from INTEGER REFERENCES runs(id);
        """,
        // 7: a case's tool-call trajectory (CaseResult.trajectory), JSON; NULL when the model
        // answered in one step without calling a tool.
        """
        ALTER TABLE results ADD COLUMN trajectory_json TEXT;
        """,
        // 8: reports read a run's results in plan order a page at a time (RunStore+Pages).
        """
        CREATE INDEX results_ordinal ON results(run_id, ordinal);
        """,
        // 9: a cached response's text in a column of its own, bound where its bytes lie (a
        // 5 MB output is not escaped into a second copy); `response` keeps the other fields.
        // Rows written before have the text inside `response` and NULL here.
        """
        ALTER TABLE cache ADD COLUMN text TEXT;
        """,
    ]
}
