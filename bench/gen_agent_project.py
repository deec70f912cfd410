#!/usr/bin/env python3
"""Generates an agent-loop project: gen_agent_project.py DIR CASES BASE_URL SCRIPT.

Every case takes three steps against the fake model: it calls lookup_order, then (after the
stubbed result) lookup_invoice, then answers in text. SCRIPT is the fake-model script written
to make it do so."""
import json, os, sys

root, cases, base_url, script = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
os.makedirs(f"{root}/prompts/agent", exist_ok=True)
os.makedirs(f"{root}/suites", exist_ok=True)
with open(f"{root}/promptgate.yaml", "w") as f:
    f.write(f"""providers:
  fake:
    type: openai
    base_url: {base_url}
    model: fake-model
    params: {{ temperature: 0, max_tokens: 64 }}
    max_concurrency: 256
    timeout: 30
defaults: {{ provider: fake }}
""")
with open(f"{root}/prompts/agent/v1.0.yaml", "w") as f:
    f.write("""id: agent
version: "1.0"
tools:
  - name: lookup_order
    description: Look up an order by its id.
    parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] }
  - name: lookup_invoice
    description: Look up the invoice of an order.
    parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] }
messages:
  - role: system
    content: You are Acme Cloud's support assistant. Use the tools to answer.
  - role: user
    content: "{{ user_input }}"
""")
with open(f"{root}/suites/agent.yaml", "w") as f:
    f.write("suite: agent\nprompt: agent\ndefaults:\n")
    f.write("  tool_results:\n")
    f.write("    lookup_order: { result: { status: shipped, ref: order-result } }\n")
    f.write("    lookup_invoice: { result: { amount: 42, ref: invoice-result } }\n")
    f.write("  assert:\n")
    f.write("    - { type: tool-sequence, value: [lookup_order, lookup_invoice], strict: true }\n")
    f.write("    - { type: valid-tool-call }\n")
    f.write("    - { type: contains, value: shipped }\n")
    f.write("cases:\n")
    for i in range(cases):
        f.write(f"""  - id: case-{i:05d}
    vars: {{ user_input: "Where is my order A-{i:05d} and what did it cost?" }}
""")
rules = [
    {"match": "*", "match_tool": "invoice-result", "reply": "Your order has shipped; the invoice is 42 USD."},
    {"match": "*", "match_tool": "order-result",
     "tool_calls": [{"name": "lookup_invoice", "arguments": {"order_id": "A-1"}}]},
    {"match": "*", "tool_calls": [{"name": "lookup_order", "arguments": {"order_id": "A-1"}}]},
]
with open(script, "w") as f:
    json.dump({"rules": rules}, f)
