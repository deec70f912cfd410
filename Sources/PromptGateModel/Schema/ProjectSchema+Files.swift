import Assertions
import JSON
import Providers

extension ProjectSchema {
    static func promptVersion(_ b: SchemaBuilder) -> JSONValue {
        let message = b.object(
            "messages[]", keys: PromptVersion.Message.CodingKeys.allCases.map(\.stringValue),
            required: ["role", "content"], description: "One chat message, a template.",
            [
                "role": Field.oneOf(PromptVersion.Message.roles, "Who speaks."),
                "content": Field.text("The template: {{ var }}, {% if %}, filters."),
            ])
        let model = b.object(
            "model", keys: PromptModel.CodingKeys.allCases.map(\.stringValue),
            description: "The provider and the settings this version runs with.",
            [
                "provider": Field.text("A provider name from promptgate.yaml, or default."),
                "model": Field.text("The model name (default: the provider's)."),
                "temperature": Field.number("Sampling temperature.", min: 0, max: 2),
                "max_tokens": Field.integer("The most tokens to generate.", min: 1),
                "top_p": Field.number("Nucleus sampling mass.", min: 0, max: 1),
                "seed": Field.integer("The sampling seed."),
                "stop": Field.oneOrList(Field.text("A stop sequence."), "Stop sequences."),
                "response_format": Field.any("Sent as the API's response_format."),
            ])
        return b.object(
            "prompt version", keys: PromptVersion.CodingKeys.allCases.map(\.stringValue),
            required: ["id", "version", "messages"], description: "A prompt version.",
            [
                "id": Field.text("The prompt's id (its folder under prompts/)."),
                "version": Field.scalar("The version, e.g. 1.3 (the file is v1.3.yaml)."),
                "parent": Field.scalar("The version this one was derived from."),
                "changelog": Field.text("What changed, for reviewers."),
                "description": Field.text("What the prompt is for."),
                "model": model,
                "tools": Field.list(
                    b.object(
                        "tools[]", keys: ToolDeclaration.CodingKeys.allCases.map(\.stringValue),
                        required: ["name"], description: "A tool the model may call.",
                        [
                            "name": Field.text("Letters, digits, _ or -, at most 64."),
                            "description": Field.text("What the tool does, for the model."),
                            "parameters": Field.any("A JSON Schema of the arguments object."),
                        ]), "The tools the model may call."),
                "tool_choice": Field.text("auto, none, required, or a declared tool's name."),
                "response_format": b.object(
                    "response_format", keys: ["json_schema"], required: ["json_schema"],
                    description: "Structured output.",
                    [
                        "json_schema": Field.any(
                            "A JSON Schema, or file://path from the project root.")
                    ]),
                "messages": [
                    "type": "array", "minItems": 1, "items": message,
                    "description": "The chat messages, rendered per case.",
                ],
            ])
    }

    static func suite(_ b: SchemaBuilder) -> JSONValue {
        let assertion = b.define("assertion", assertionSchema(b))
        let assertions = Field.list(assertion, "Assertions about the output.")
        let gate = b.define("gate", gatePolicy(b))
        let vars = Field.map(Field.any("A value."), "Template variables.")
        let tags = Field.list(Field.text("A tag."), "Tags (for the gate and per-tag statistics).")
        let threshold = Field.number("The weighted score a case needs to pass.", min: 0, max: 1)
        let call = b.object(
            "messages[].tool_calls[]", keys: HistoryToolCall.CodingKeys.allCases.map(\.stringValue),
            required: ["name"], description: "A call an assistant turn made.",
            [
                "id": Field.text("The call's id (default call_N)."),
                "name": Field.text("The tool."),
                "arguments": Field.any("A mapping (strings templated) or JSON text."),
            ])
        let turn = b.object(
            "messages[]", keys: HistoryTurn.CodingKeys.allCases.map(\.stringValue),
            required: ["role"], description: "One turn of the history, templated.",
            [
                "role": Field.oneOf(HistoryTurn.roles, "Who speaks."),
                "content": Field.text("The text, a template."),
                "tool_calls": Field.list(call, "assistant: the calls it made."),
                "tool_call_id": Field.text("tool: the call it answers."),
                "name": Field.text("tool: the tool's name."),
            ])
        let history = Field.list(
            turn,
            "The conversation before the prompt's final user turn (a last user turn replaces it).")
        let stubs = Field.map(
            Field.any(
                "A result text, { result }, { match: [{ arguments, result }] } or { exec: [argv] }."
            ),
            "Stubbed tools by name: the case loops until the model answers without a call.")
        let maxSteps = Field.integer(
            "Replies with tool calls before the case is an error (default 8).", min: 1, max: 100)
        let defaults = b.object(
            "defaults", keys: SuiteDefaults.CodingKeys.allCases.map(\.stringValue),
            description: "What every case of the suite gets.",
            [
                "assert": assertions, "vars": vars, "tags": tags, "threshold": threshold,
                "messages": history, "tool_results": stubs, "max_steps": maxSteps,
            ])
        let historyTurn = b.object(
            "cases[].source.history[]",
            keys: CaseSource.Turn.CodingKeys.allCases.map(\.stringValue),
            required: ["feedback_id", "field"],
            description: "The feedback record one turn of the case's messages came from.",
            [
                "feedback_id": Field.scalar("The record's id."),
                "created_at": Field.text("When it was given."),
                "field": Field.oneOf(["user_input", "response"], "The record's field."),
            ])
        let source = b.object(
            "cases[].source", keys: CaseSource.CodingKeys.allCases.map(\.stringValue),
            description: "The production feedback a case was built from.",
            [
                "feedback_id": Field.scalar("The feedback record's id."),
                "prompt_version": Field.scalar("The version that answered."),
                "model": Field.text("The model that answered."),
                "response": Field.text("What it answered."),
                "correction": Field.text("What the user said it should have been."),
                "comment": Field.text("The user's comment."),
                "signal": Field.text("The implicit signal (copied, edited, ...)."),
                "history": Field.list(
                    historyTurn, "Where each turn of the case's messages came from, in order."),
            ])
        let testCase = b.object(
            "cases[]", keys: TestCase.CodingKeys.allCases.map(\.stringValue),
            required: ["id"], description: "One test case.",
            [
                "id": Field.scalar("Unique within the suite."),
                "description": Field.text("What the case checks."),
                "vars": vars, "tags": tags, "source": source, "assert": assertions,
                "threshold": threshold,
                "repeat": Field.integer("Times this case runs.", min: 1),
                "messages": history, "tool_results": stubs, "max_steps": maxSteps,
            ])
        return b.object(
            "suite", keys: SuiteHeader.CodingKeys.allCases.map(\.stringValue),
            required: ["suite", "prompt", "cases"], description: "A suite.",
            [
                "suite": Field.text("The suite's name."),
                "prompt": Field.text("The prompt id its cases run against."),
                "description": Field.text("What the suite covers."),
                "defaults": defaults,
                "gate": gate,
                "cases": Field.list(testCase, "The test cases."),
            ])
    }

    /// One assertion; `assert:` of an assert-set nests them.
    static func assertionSchema(_ b: SchemaBuilder) -> JSONValue {
        b.object(
            "assertion", keys: AssertionSpec.CodingKeys.allCases.map(\.stringValue),
            required: ["type"], description: "An assertion about the output.",
            [
                "type": Field.oneOf(
                    AssertionKind.allTypeNames, "The kind; not-KIND negates any of them."),
                "value": Field.any("What the kind compares with: text, a number or a list."),
                "min": Field.number("The lower bound (word-count)."),
                "max": Field.number("The upper bound (word-count, latency ms, cost USD)."),
                "weight": Field.number("Its weight in the case's score (default 1).", min: 0),
                "metric": Field.text("A name under which the score is reported."),
                "threshold": Field.number("The score needed to pass."),
                "n": Field.integer("rouge-n: 1 (unigrams) or 2 (bigrams).", min: 1, max: 2),
                "provider": Field.text("The judge or embedding provider, over the project's."),
                "model": Field.text("The judge or embedding model."),
                "rubric_prompt": Field.text("A judge prompt replacing the built-in one."),
                "map": Field.map(
                    Field.oneOf(["pass", "fail"], "What the category means."),
                    "factuality: category (A-E) to pass or fail."),
                "timeout": Field.positive("command: seconds the program may take."),
                "tool": Field.text("tool-args: the tool whose calls are checked."),
                "times": Field.integer("tool-called: exactly this many calls.", min: 0),
                "strict": Field.bool("tool-sequence: the calls are exactly value, in order."),
                "schema": Field.any("tool-args: a JSON Schema every call's arguments match."),
                "assert": Field.list(
                    SchemaBuilder.ref("assertion"), "assert-set: the assertions it groups."),
            ])
    }

    static func release(_ b: SchemaBuilder) -> JSONValue {
        let sha =
            ["type": "string", "pattern": "^[0-9a-f]{64}$", "description": "A SHA-256."]
            as JSONValue
        let production = b.define(
            "production",
            b.object(
                "production",
                keys: ReleaseManifest.Production.CodingKeys.allCases.map(\.stringValue),
                required: ReleaseManifest.Production.requiredKeys,
                description: "The version serving production.",
                [
                    "version": Field.scalar("The version."),
                    "sha256": sha,
                    "gate": Field.text("The gate record that allowed it."),
                    "since": Field.text("When (ISO 8601)."),
                ]))
        let canary = b.object(
            "canary", keys: ReleaseManifest.Canary.CodingKeys.allCases.map(\.stringValue),
            required: ReleaseManifest.Canary.requiredKeys,
            description: "The version serving a share of traffic.",
            [
                "version": Field.scalar("The version."),
                "percent": Field.integer("Its share of traffic.", min: 1, max: 100),
                "sha256": sha,
                "gate": Field.text("The gate record that allowed it."),
                "since": Field.text("When (ISO 8601)."),
            ])
        let event = b.object(
            "history[]", keys: ReleaseManifest.Event.CodingKeys.allCases.map(\.stringValue),
            required: ReleaseManifest.Event.requiredKeys, description: "One promotion or rollback.",
            [
                "action": Field.oneOf(["adopted", "promote", "rollback"], "What happened."),
                "to": Field.oneOf(["canary", "production"], "Where."),
                "version": Field.scalar("The version."),
                "percent": Field.integer("The canary share.", min: 1, max: 100),
                "who": Field.text("Who did it."),
                "when": Field.text("When (ISO 8601)."),
                "gate": Field.text("The gate record."),
                "digests": Field.map(Field.text("A SHA-256."), "SHA-256 by file path."),
                "reason": Field.text("Why (rollbacks)."),
                "replaced": production,
            ])
        return b.object(
            "release.yaml", keys: ReleaseManifest.CodingKeys.allCases.map(\.stringValue),
            required: ReleaseManifest.requiredKeys, description: "release.yaml",
            [
                "prompt": Field.text("The prompt id."),
                "production": production,
                "canary": canary,
                "history": Field.list(event, "Every promotion and rollback, oldest first."),
            ])
    }
}
