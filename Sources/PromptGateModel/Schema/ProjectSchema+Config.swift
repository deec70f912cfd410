import Assertions
import JSON
import Providers

extension ProjectSchema {
    static func config(_ b: SchemaBuilder) -> JSONValue {
        let params = modelParams(b)
        let provider = b.define("provider", providers(b, params: params))
        let gate = b.define("gate", gatePolicy(b))
        let keys = ProjectConfig.CodingKeys.allCases.map(\.stringValue)
        let defaults = b.object(
            "defaults", keys: ProjectConfig.Defaults.CodingKeys.allCases.map(\.stringValue),
            description: "Project-wide defaults, each overridable by a flag.",
            [
                "provider": Field.text("The provider used when a prompt version names none."),
                "repeat": Field.integer("Times each case runs (default 1).", min: 1),
                "concurrency": Field.integer("Requests in flight at once.", min: 1),
                "timeout": Field.positive(
                    "Seconds per request when a provider sets none (default 60)."),
            ])
        let judge = b.object(
            "judge", keys: ProjectConfig.JudgeConfig.CodingKeys.allCases.map(\.stringValue),
            required: ["provider"],
            description: "The model that grades llm-rubric, factuality and answer-relevance.",
            [
                "provider": Field.text("A provider name from providers:."),
                "model": Field.text("The judge's model (default: the provider's)."),
                "params": params,
                "repeat": Field.integer(
                    "Ask the judge this many times per output and take the majority (a tie fails).",
                    min: 1, max: Double(ProjectConfig.JudgeConfig.maximumRepeats)),
            ])
        let embeddings = b.object(
            "embeddings",
            keys: ProjectConfig.EmbeddingsConfig.CodingKeys.allCases.map(\.stringValue),
            required: ["provider"],
            description: "The embedding model of `similar`: an openai-type provider.",
            [
                "provider": Field.text("A provider name from providers: (type openai)."),
                "model": Field.text("The embedding model (default: embedding_model, else model)."),
            ])
        let negative = b.object(
            "feedback.negative", keys: NegativePolicy.CodingKeys.allCases.map(\.stringValue),
            description: "Which feedback records count as negative.",
            [
                "thumbs_down": Field.bool("A thumbs-down is negative."),
                "max_stars": Field.integer("A rating at or below this is negative.", min: 0),
                "signals": Field.list(
                    Field.oneOf(ImplicitSignal.allCases.map(\.rawValue), "An implicit signal."),
                    "Implicit signals that count as negative."),
                "correction": Field.bool("A record with a correction is negative."),
            ])
        let feedback = b.object(
            "feedback", keys: FeedbackConfig.CodingKeys.allCases.map(\.stringValue),
            description: "What counts as negative production feedback.", ["negative": negative])
        let price = b.object(
            "prices.model", keys: ModelPrice.CodingKeys.allCases.map(\.stringValue),
            description: "USD per million tokens.",
            [
                "input": Field.number("USD per million input tokens.", min: 0),
                "output": Field.number("USD per million output tokens.", min: 0),
            ])
        return b.object(
            "promptgate.yaml", keys: keys, required: ["providers"],
            description: "promptgate.yaml",
            [
                "providers": Field.map(provider, "The models promptgate can call, by name."),
                "defaults": defaults,
                "judge": judge,
                "embeddings": embeddings,
                "gate": gate,
                "feedback": feedback,
                "prices": Field.map(price, "Prices by model name, over the built-in table."),
            ])
    }

    /// `params:` of a provider, a judge or an assertion.
    static func modelParams(_ b: SchemaBuilder) -> JSONValue {
        b.define(
            "params",
            b.object(
                "params", keys: ModelParams.keyNames,
                description: "Model settings sent with every request.",
                [
                    "temperature": Field.number("Sampling temperature.", min: 0, max: 2),
                    "max_tokens": Field.integer("The most tokens to generate.", min: 1),
                    "top_p": Field.number("Nucleus sampling mass.", min: 0, max: 1),
                    "seed": Field.integer("The sampling seed, where the API takes one."),
                    "stop": Field.oneOrList(Field.text("A stop sequence."), "Stop sequences."),
                    "response_format": Field.any(
                        "Sent as the API's response_format, e.g. { type: json_object }."),
                ]))
    }

    /// One provider entry: one branch per `type:`, each closed over that type's keys.
    static func providers(_ b: SchemaBuilder, params: JSONValue) -> JSONValue {
        let fields: [String: JSONValue] = [
            "type": Field.oneOf(ProviderConfig.knownTypes, "The wire protocol."),
            "model": Field.text("The model name sent with each request."),
            "params": params,
            "max_concurrency": Field.integer("Requests in flight to this provider.", min: 1),
            "timeout": Field.positive("Seconds for one request, end to end."),
            "retries": Field.integer("Retries per request (default 3).", min: 0, max: 20),
            "retry_budget": Field.integer("Retries for the whole run.", min: 0),
            "rpm": Field.positive("Requests per minute allowed."),
            "tpm": Field.positive("Tokens per minute allowed."),
            "base_url": Field.text("The API's base URL (each type has a default)."),
            "api_key_env": Field.text(
                "The environment variable holding the API key (never the key itself)."),
            "headers": Field.map(Field.text("A header value."), "Extra request headers."),
            "anthropic_version": Field.text("The anthropic-version header (default 2023-06-01)."),
            "embedding_model": Field.text("The model /embeddings uses (default: model)."),
            "url": Field.text("The endpoint of an http provider."),
            "method": Field.oneOf(
                ProviderConfig.httpMethods, "The HTTP method (default POST)."),
            "body": Field.text(
                "The request body template (messages, prompt, system, model, params, tools, tool_choice, response_schema)."
            ),
            "output": Field.text("A JSON path to the output ($.data.reply); exec: text or json."),
            "tool_calls": Field.text(
                "http: a JSON path to the reply's tool calls ($.tool_calls), [{id, name, arguments}]."
            ),
            "api_key_header": Field.text("The header carrying the key (default Authorization)."),
            "api_key_prefix": Field.text("Text before the key (default 'Bearer ')."),
            "command": Field.text("The program an exec provider runs."),
            "args": Field.list(Field.text("An argument."), "Its arguments (no shell)."),
            "env": Field.list(
                Field.text("A variable name."), "Variables of promptgate's environment it gets."),
        ]
        // Every key some type accepts must be described, whichever type.
        for key in ProviderConfig.keyNames where fields[key] == nil {
            _ = b.object("providers.*", keys: [key], description: "", [:])
        }
        let branches: [JSONValue] = ProviderKind.allCases.map { kind in
            let keys =
                ProviderConfig.keyNames.filter {
                    ProviderConfig.commonKeys.contains($0) || kind.keys.contains($0)
                }
            var own = fields.filter { keys.contains($0.key) }
            own["type"] = ["const": .string(kind.rawValue), "description": "The wire protocol."]
            return b.object(
                "providers.\(kind.rawValue)", keys: keys, required: ["type"],
                description: "A provider of type \(kind.rawValue).", own)
        }
        // One branch per type, told apart by `type`'s const: exactly one can match.
        return [
            "type": "object", "required": ["type"],
            "description": "A provider: type, model and the keys of its type.",
            "properties": ["type": fields["type"] ?? [:]],
            "oneOf": .array(branches),
        ]
    }

    /// `gate:` of promptgate.yaml and of a suite.
    static func gatePolicy(_ b: SchemaBuilder) -> JSONValue {
        b.object(
            "gate", keys: GatePolicy.CodingKeys.allCases.map(\.stringValue),
            description: "What a candidate must satisfy before promotion.",
            [
                "min_pass_rate": Field.number("The lowest pass rate allowed.", min: 0, max: 1),
                "max_regressions": Field.integer("Cases allowed to regress.", min: 0),
                "critical_tags": Field.list(
                    Field.text("A tag."), "Tags where any regression blocks."),
                "per_tag_min_pass_rate": Field.map(
                    Field.number("A pass rate.", min: 0, max: 1), "The lowest pass rate per tag."),
                "block_on": Field.oneOrList(
                    Field.oneOf(["worse", "inconclusive"], "A verdict that blocks."),
                    "Verdicts of the statistics that block."),
                "alpha": Field.number("The significance level.", min: 0, max: 1),
                "inconclusive": Field.oneOf(
                    GatePolicy.Inconclusive.allCases.map(\.rawValue),
                    "What an inconclusive comparison does."),
                "max_cost_increase": Field.number("The largest cost increase allowed (0.2: +20%)."),
                "max_p95_latency_ms": Field.number("The highest p95 latency allowed, ms.", min: 0),
                "known_failures": Field.list(
                    Field.text("suite/case"), "Cases whose failure does not block."),
                "non_inferiority_margin": Field.number(
                    "Pass the statistical rule only when the candidate is shown at most this much worse (0.02: 2 points).",
                    min: 0, max: 1),
                "min_pass_hat_k": Field.number(
                    "With --repeat k: the lowest share of cases passing all k repeats.", min: 0,
                    max: 1),
                "count_judge_disagreements": Field.bool(
                    "Count regressions where a repeated judge disagreed with itself (default: flag only)."
                ),
            ])
    }
}
