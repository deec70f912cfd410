/// The files `promptgate init` writes: a project that validates as it is and runs as soon as
/// its provider answers. Plain text, built from a few choices; writing is the caller's.
public struct ProjectTemplate: Sendable, Hashable {
    /// The provider the project starts with (`--provider`).
    public enum Provider: String, Sendable, Hashable, CaseIterable {
        /// Any OpenAI-compatible endpoint, OpenAI's by default; the key in OPENAI_API_KEY.
        case openai
        /// Anthropic's Messages API; the key in ANTHROPIC_API_KEY.
        case anthropic
        /// Ollama's chat API on localhost, no key.
        case ollama
        /// An OpenAI-compatible server on 127.0.0.1 (llama.cpp's server), no key.
        case local

        /// The `type:` of its entry in promptgate.yaml.
        public var type: String {
            switch self {
            case .openai, .local: "openai"
            case .anthropic: "anthropic"
            case .ollama: "ollama"
            }
        }

        public var defaultBaseURL: String {
            switch self {
            case .openai: "https://api.openai.com/v1"
            case .anthropic: "https://api.anthropic.com"
            case .ollama: "http://localhost:11434"
            // scripts/local-model.sh serves SmolLM2-135M here (docs/local-model.md).
            case .local: "http://127.0.0.1:8089/v1"
            }
        }

        public var defaultModel: String {
            switch self {
            case .openai: "gpt-4o-mini"
            case .anthropic: "claude-3-5-haiku-latest"
            case .ollama: "llama3.2"
            case .local: "smollm2-135m"
            }
        }

        /// The environment variable holding the key; nil when the server needs none.
        public var apiKeyEnv: String? {
            switch self {
            case .openai: "OPENAI_API_KEY"
            case .anthropic: "ANTHROPIC_API_KEY"
            case .ollama, .local: nil
            }
        }
    }

    /// One file to write, its path relative to the project root.
    public struct File: Sendable, Hashable {
        public var path: String
        public var text: String
    }

    public var provider: Provider
    /// The prompt's id: `prompts/<id>/v1.yaml` and `suites/<id>.yaml`.
    public var prompt: String
    public var baseURL: String
    public var model: String

    public init(
        provider: Provider = .openai, prompt: String = "assistant", baseURL: String? = nil,
        model: String? = nil
    ) {
        self.provider = provider
        self.prompt = prompt
        self.baseURL = baseURL ?? provider.defaultBaseURL
        self.model = model ?? provider.defaultModel
    }

    /// The version the first prompt file has.
    public static let version = "1"

    public var configPath: String { "promptgate.yaml" }
    public var promptPath: String { "prompts/\(prompt)/v\(Self.version).yaml" }
    public var suitePath: String { "suites/\(prompt).yaml" }
    public static let gitignorePath = ".gitignore"
    public static let workflowPath = ".github/workflows/promptgate.yml"
    /// The line of `.gitignore` that keeps the local store out of git.
    public static let ignoredStore = ".promptgate/"

    /// Whether `id` can name a prompt here: a folder name and the part before `@` in
    /// `ID@VERSION` (letters, digits, `.`, `_`, `-`; not starting with `.` or `-`).
    public static func isValidPromptID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first != ".", first != "-", id.count <= 64
        else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
        }
    }

    /// Every file, in the order they are listed. `suite` replaces the example suite (a
    /// suite seeded from feedback).
    /// The YAML files start with their schema's `# yaml-language-server` line, and the
    /// schemas themselves are written to `schemas/` for editors to find.
    public func files(suite: String? = nil) -> [File] {
        [
            File(path: configPath, text: Self.withModeline(config, .config, depth: 0)),
            File(path: promptPath, text: Self.withModeline(promptVersion, .prompt, depth: 2)),
            File(
                path: suitePath, text: Self.withModeline(suite ?? exampleSuite, .suite, depth: 1)),
            File(path: Self.gitignorePath, text: Self.gitignore),
            File(path: Self.workflowPath, text: workflow),
        ] + ProjectSchema.allCases.map { File(path: "schemas/\($0.fileName)", text: $0.text) }
    }

    /// `text` with the schema line on top, unless it already has one.
    static func withModeline(_ text: String, _ schema: ProjectSchema, depth: Int) -> String {
        text.hasPrefix("# yaml-language-server:")
            ? text : schema.modeline(depth: depth) + "\n" + text
    }

    /// The example suite's case count, for the summary.
    public static let exampleCaseCount = 5

    // MARK: - promptgate.yaml

    public var config: String {
        let name = provider.rawValue
        var entry = providerNote
        entry += """
              \(name):
                type: \(provider.type)
                base_url: \(Self.scalar(baseURL))

            """
        if let key = provider.apiKeyEnv {
            entry += "    api_key_env: \(key)        # the variable's name, never the key\n"
        }
        if provider == .anthropic {
            entry += "    anthropic_version: \"2023-06-01\"\n"
        }
        entry += """
                model: \(Self.scalar(model))
                max_concurrency: \(provider == .local ? 1 : provider == .ollama ? 2 : 8)
                timeout: \(provider == .local || provider == .ollama ? 120 : 60)

            """
        return """
            # promptgate project configuration (written by `promptgate init`).
            # API keys never live here: api_key_env names the environment variable that holds one.

            providers:
            \(entry)
            defaults:
              provider: \(name)
              repeat: 1            # runs of each case; more runs make compare's statistics stronger
              concurrency: 4       # requests in flight (also bounded by max_concurrency above)

            # The judge of llm-rubric, factuality and answer-relevance assertions (the suites
            # `promptgate feedback to-suite` writes use llm-rubric). A strong model judges best.
            judge:
              provider: \(name)

            # What a candidate version must satisfy before promotion: `promptgate gate BASE
            # CANDIDATE` applies it (and a suite's own `gate:` to its cases). Uncomment to use it.
            # gate:
            #   min_pass_rate: 0.8        # the candidate passes at least 80% of the cases
            #   max_regressions: 0        # no case that passed on the base may fail
            #   critical_tags: [billing]  # a regression in a case with these tags always blocks
            #   block_on: worse           # block when the candidate is significantly worse…
            #   alpha: 0.05               # …at this significance level (McNemar's test)
            #   inconclusive: warn        # too few cases to tell: pass, warn or block

            """
    }

    /// The comment above the provider's entry.
    private var providerNote: String {
        let lines: [String]
        switch provider {
        case .openai:
            lines = [
                "Any OpenAI-compatible endpoint works the same way (OpenAI, vLLM, OpenRouter, …):",
                "change base_url and model.",
            ]
        case .anthropic:
            lines = ["Anthropic's Messages API."]
        case .ollama:
            lines = [
                "Ollama on this machine (`ollama serve`), no key: `ollama pull \(model)` first."
            ]
        case .local:
            lines = [
                "An OpenAI-compatible server on loopback, no key: promptgate's",
                "scripts/local-model.sh serves SmolLM2-135M here; llama.cpp's llama-server",
                "listens on http://127.0.0.1:8080/v1 by default.",
            ]
        }
        return lines.map { "  # \($0)\n" }.joined()
    }

    // MARK: - The prompt and the suite

    public var promptVersion: String {
        """
        id: \(prompt)
        version: "\(Self.version)"
        changelog: The first version (written by promptgate init).
        model: { provider: default, temperature: 0, max_tokens: 300 }
        messages:
          - role: system
            content: |
              You are a helpful, concise assistant. Answer in the language of the user's message.
              If you do not know something, say so instead of guessing.
          - role: user
            content: "{{ user_input }}"

        """
    }

    /// A few cases, one per common kind of assertion. Each case's `vars` fill the prompt's
    /// `{{ user_input }}`.
    public var exampleSuite: String {
        """
        suite: \(prompt)
        prompt: \(prompt)
        description: >-
          Example cases written by promptgate init, one per common kind of assertion. Replace
          them with what your users ask; `promptgate feedback to-suite` writes cases from
          production feedback.
        defaults:
          assert:                              # every case gets these too
            - { type: not-icontains, value: "As an AI" }
        cases:
          - id: capital
            vars: { user_input: "What is the capital of France? Answer in one sentence." }
            tags: [facts]
            assert:
              - { type: contains, value: "Paris" }      # exact text
              - { type: word-count, max: 40 }           # short answers
          - id: no-guessing
            vars: { user_input: "What is the balance of my bank account?" }
            assert:
              - { type: regex, value: "(?i)(don't|do not|cannot|can't|no) (know|have|access|see)" }
              - { type: not-contains, value: "$" }      # no invented amount
          - id: json-only
            vars:
              user_input: 'Reply with only a JSON object, no code fence: {"name": ..., "age": ...} for Ada, 36.'
            assert:
              - { type: is-json }                       # the whole output parses as JSON
              - { type: icontains, value: "ada" }       # any case
          - id: spanish
            vars: { user_input: "¿Cuál es el océano más grande del mundo?" }
            tags: [multilingual]
            assert:
              - { type: language, value: same-as-input }
              - { type: icontains, value: "Pacífico" }
          - id: refund-policy
            vars: { user_input: "Can I get a refund after two months?" }
            tags: [policy]
            assert:
              - { type: not-icontains, value: "no questions asked" }
              - { type: contains-any, value: ["refund", "Refund"] }

        """
    }

    // MARK: - .gitignore and CI

    public static let gitignore = """
        # promptgate's local store (runs, cache, feedback) and gate records.
        \(ignoredStore)

        """

    public var workflow: String {
        let key = provider.apiKeyEnv
        let keyLine =
            key.map { "\n      # \($0): ${{ secrets.\($0) }}   # only for live runs" } ?? ""
        return """
            # GitHub Actions: validate the prompts and suites on every pull request that touches
            # them (written by `promptgate init`; no API key needed).
            #
            # Once the responses are recorded (`promptgate run --prompt \(prompt)@\(Self.version) --record`,
            # then commit suites/recordings/), the run step grades them offline; uncomment the gate
            # step to compare production with a new version (see examples/ci/prompt-gate.yml in
            # promptgate's repository for the full job with reports).
            name: promptgate

            on:
              pull_request:
                paths:
                  - "prompts/**"
                  - "suites/**"
                  - "promptgate.yaml"

            jobs:
              promptgate:
                runs-on: ubuntu-24.04
                container: swift:6.1
                env:
                  PROMPT: \(prompt)\(keyLine)
                steps:
                  - uses: actions/checkout@v4

                  - name: Install promptgate
                    # Builds and installs promptgate from source (make install: the C libraries it
                    # needs from apt, then a static binary in /usr/local/bin). Set the repository
                    # variable PROMPTGATE_REPO to its git URL, or install the .deb of `make deb`.
                    run: |
                      git clone --depth 1 "${{ vars.PROMPTGATE_REPO }}" /tmp/promptgate
                      make -C /tmp/promptgate install PREFIX=/usr/local

                  - name: Validate
                    run: promptgate validate

                  - name: Run from the recordings
                    if: hashFiles('suites/recordings/*.jsonl') != ''
                    run: promptgate run --prompt "$PROMPT@\(Self.version)" --offline

                  # - name: Gate
                  #   run: promptgate gate "$PROMPT@production" "$PROMPT@2" --offline --format markdown --output gate.md

            """
    }

    /// `value` as a YAML scalar: plain when it is unambiguous, else single-quoted.
    static func scalar(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || "._-/:@".unicodeScalars.contains(scalar))
        }
        let reserved = ["true", "false", "yes", "no", "on", "off", "null"]
        if plain, value.first?.isLetter == true, !reserved.contains(value.lowercased()) {
            return value
        }
        return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
