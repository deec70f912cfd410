import Assertions
import Conversation
import Foundation
import JSON
import Testing

/// The tool assertions over a trajectory: each kind passing and failing, the `not-` forms,
/// exact reasons, and decode errors.
@Suite struct ToolAssertionTests {
    static let tools = [
        ToolSpec(
            name: "lookup_order",
            parameters: [
                "type": "object", "properties": ["order_id": ["type": "string"]],
                "required": ["order_id"],
            ]),
        ToolSpec(name: "refund"),
    ]

    /// Step 1 calls lookup_order(A-1), step 2 calls refund with invalid JSON arguments.
    static let trajectory = [
        AgentStep(
            text: "",
            toolCalls: [ToolCall(id: "c1", name: "lookup_order", arguments: #"{"order_id":"A-1"}"#)]
        ),
        AgentStep(text: "", toolCalls: [ToolCall(id: "c2", name: "refund", arguments: "{oops")]),
        AgentStep(text: "Done.", toolCalls: []),
    ]

    static func run(_ json: String, trajectory: [AgentStep] = trajectory) throws -> AssertionResult
    {
        try AssertionFixture.spec(json).evaluate(
            AssertionContext(output: "Done.", trajectory: trajectory, tools: tools))
    }

    @Test(arguments: [
        (#"{"type":"tool-called","value":"lookup_order"}"#, true),
        (#"{"type":"tool-called","value":"cancel"}"#, false),
        (#"{"type":"tool-called","value":"lookup_order","times":1}"#, true),
        (#"{"type":"tool-called","value":"lookup_order","times":2}"#, false),
        (#"{"type":"not-tool-called","value":"cancel"}"#, true),
        (#"{"type":"not-tool-called","value":"refund"}"#, false),
        (#"{"type":"tool-args","tool":"lookup_order","value":{"order_id":"A-1"}}"#, true),
        (#"{"type":"tool-args","tool":"lookup_order","value":{"order_id":"A-2"}}"#, false),
        (
            #"{"type":"tool-args","tool":"lookup_order","schema":{"type":"object","required":["order_id"]}}"#,
            true
        ),
        (
            #"{"type":"tool-args","tool":"lookup_order","schema":{"type":"object","required":["x"]}}"#,
            false
        ),
        (#"{"type":"tool-args","tool":"refund","value":{}}"#, false),
        (#"{"type":"not-tool-args","tool":"lookup_order","value":{"order_id":"A-2"}}"#, true),
        (#"{"type":"not-tool-args","tool":"lookup_order","value":{"order_id":"A-1"}}"#, false),
        (#"{"type":"tool-sequence","value":["lookup_order","refund"],"strict":true}"#, true),
        (#"{"type":"tool-sequence","value":["refund","lookup_order"]}"#, false),
        (#"{"type":"tool-sequence","value":["refund"]}"#, true),
        (#"{"type":"tool-sequence","value":["refund"],"strict":true}"#, false),
        (#"{"type":"not-tool-sequence","value":["refund","lookup_order"]}"#, true),
        (#"{"type":"tool-call-count","min":1,"max":2}"#, true),
        (#"{"type":"tool-call-count","max":1}"#, false),
        (#"{"type":"not-tool-call-count","max":1}"#, true),
        (#"{"type":"valid-tool-call"}"#, false),
        (#"{"type":"no-tool-call"}"#, false),
    ])
    func eachKindPassesAndFails(json: String, passes: Bool) throws {
        let result = try Self.run(json)
        #expect(result.passed == passes, "\(json): \(result.reason)")
    }

    @Test func reasonsSayWhatWasCalled() throws {
        #expect(
            try Self.run(#"{"type":"tool-called","value":"lookup_order","times":2}"#).reason
                == "expected 'lookup_order' to be called 2 times, it was called 1 time (calls: 'lookup_order', 'refund')"
        )
        #expect(
            try Self.run(#"{"type":"valid-tool-call"}"#).reason
                == "invalid tool call: call 2 of 'refund': arguments are not JSON (\(ToolCall(id: "", name: "", arguments: "{oops").argumentsError ?? "")): '{oops'"
        )
        let plain = [AgentStep(text: "Done.", toolCalls: [])]
        #expect(try Self.run(#"{"type":"no-tool-call"}"#, trajectory: plain).passed)
        #expect(try Self.run(#"{"type":"valid-tool-call"}"#, trajectory: plain).passed)
        let undeclared = [
            AgentStep(text: "", toolCalls: [ToolCall(id: "c1", name: "rm_rf", arguments: "{}")])
        ]
        #expect(
            try Self.run(#"{"type":"valid-tool-call"}"#, trajectory: undeclared).reason
                == "invalid tool call: call 1 names 'rm_rf', which is not declared (tools: lookup_order, refund)"
        )
        let missing = [
            AgentStep(
                text: "", toolCalls: [ToolCall(id: "c1", name: "lookup_order", arguments: "{}")])
        ]
        let invalid = try Self.run(#"{"type":"valid-tool-call"}"#, trajectory: missing)
        #expect(!invalid.passed && invalid.reason.contains("order_id"), "\(invalid.reason)")
    }

    @Test(arguments: [
        (#"{"type":"tool-args","value":{}}"#, "needs tool:"),
        (#"{"type":"tool-args","tool":"t"}"#, "takes one of schema:"),
        (#"{"type":"tool-called","value":"t","strict":true}"#, "does not take 'strict'"),
        (#"{"type":"contains","value":"t","times":2}"#, "does not take 'times'"),
        (#"{"type":"tool-call-count","min":3,"max":1}"#, "is greater than max"),
        (#"{"type":"tool-call-count"}"#, "needs min and/or max"),
        (#"{"type":"not-no-tool-call"}"#, "'not-no-tool-call' is 'tool-call-count' with min: 1"),
        (#"{"type":"tool-called","value":"t","times":-1}"#, "times must be 0 or more"),
    ])
    func badToolAssertionsAreRejected(json: String, fragment: String) {
        let failure = AssertionFixture.failure(json)
        #expect(failure?.message.contains(fragment) == true, "\(failure?.message ?? "decoded")")
    }

    @Test func jsonSchemaWithoutItsOwnUsesTheResponseSchema() throws {
        let spec = try AssertionFixture.spec(#"{"type":"json-schema"}"#)
        let schema: JSONValue = ["type": "object", "required": ["answer"]]
        #expect(
            spec.evaluate(AssertionContext(output: #"{"answer":"x"}"#, responseSchema: schema))
                .passed)
        #expect(
            !spec.evaluate(AssertionContext(output: #"{"other":1}"#, responseSchema: schema)).passed
        )
    }
}
