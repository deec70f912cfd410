#!/usr/bin/env python3
"""Generates a promptgate project with one large suite: gen_project.py DIR CASES [BASE_URL]."""
import os, sys

root, cases = sys.argv[1], int(sys.argv[2])
base_url = sys.argv[3] if len(sys.argv) > 3 else "http://127.0.0.1:9/v1"
os.makedirs(f"{root}/prompts/support", exist_ok=True)
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
for v in ("1.0", "1.1"):
    with open(f"{root}/prompts/support/v{v}.yaml", "w") as f:
        f.write(f"""id: support
version: "{v}"
messages:
  - role: system
    content: |
      You are Acme Cloud's support assistant (version {v}). Answer about {{{{ product | default("Acme") }}}}.
  - role: user
    content: "{{{{ user_input }}}}"
""")
langs = ["en", "de", "es", "fr", "ja"]
with open(f"{root}/suites/big.yaml", "w") as f:
    f.write("suite: big\nprompt: support\ndescription: generated for benchmarks\n")
    f.write("defaults:\n  assert:\n    - { type: not-icontains, value: \"As an AI\" }\ncases:\n")
    for i in range(cases):
        f.write(f"""  - id: case-{i:05d}
    vars: {{ user_input: "Question number {i}: how do I reset my password for account {i * 7919 % 100000}?" }}
    tags: [generated, {langs[i % 5]}]
    source: {{ feedback_id: {i}, prompt_version: "1.0", response: "Go to Settings > Security." }}
    assert:
      - {{ type: contains, value: "echo" }}
      - {{ type: word-count, max: 200 }}
      - {{ type: regex, value: "\\\\d+" }}
""")
