#!/usr/bin/env python3
"""Chaos rounds against promptgate: random SIGKILL/SIGINT of run, compare and gate, resume,
two processes on one store, and injected provider faults. After every round it reads the
SQLite store directly and counts what must never happen. Prints the figures.

chaos.py PROMPTGATE FAKE_MODEL [ROUNDS] [SEED]
"""
import json, os, random, signal, sqlite3, subprocess, sys, tempfile, time

BIN, FAKE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else 7
CASES = 80
rng = random.Random(SEED)


def start_fake():
    out = tempfile.NamedTemporaryFile(delete=False)
    proc = subprocess.Popen(
        [FAKE, "--port", "0", "--latency-ms", "20", "--latency-jitter-ms", "30",
         "--error-rate", "0.1", "--error-kinds", "429,500,close", "--seed", str(SEED),
         "--exit-with-parent"], stdout=out, stderr=subprocess.DEVNULL)
    for _ in range(200):
        text = open(out.name).read()
        if "listening on " in text:
            return proc, text.split("listening on ")[1].split()[0]
        time.sleep(0.05)
    raise SystemExit("fake-model did not start")


def project(url):
    root = tempfile.mkdtemp(prefix="pg-chaos-")
    os.makedirs(f"{root}/prompts/bot")
    os.makedirs(f"{root}/suites")
    with open(f"{root}/promptgate.yaml", "w") as f:
        f.write(f"""providers:
  fake:
    type: openai
    base_url: {url}/v1
    api_key_env: OPENAI_API_KEY
    model: fake-model
    timeout: 5
    retries: 5
defaults: {{ provider: fake, concurrency: 8 }}
""")
    for v, marker in (("1", "A"), ("2", "B")):
        with open(f"{root}/prompts/bot/v{v}.yaml", "w") as f:
            f.write(f'id: bot\nversion: "{v}"\nmessages:\n  - {{ role: user, content: "{marker} {{{{ q }}}}" }}\n')
    with open(f"{root}/suites/s.yaml", "w") as f:
        f.write("suite: s\nprompt: bot\ncases:\n")
        for i in range(CASES):
            f.write(f'  - {{ id: c{i}, vars: {{ q: "n{i}" }}, assert: [{{ type: contains, value: "n{i}" }}] }}\n')
    return root


ENV = dict(os.environ, OPENAI_API_KEY="sk-chaos-not-a-real-key", NO_COLOR="1")


def spawn(root, args):
    return subprocess.Popen([BIN] + args, cwd=root, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def finish(root, args, timeout=120):
    return subprocess.run([BIN] + args, cwd=root, env=ENV, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout, text=True)


def check(root, stats):
    db = sqlite3.connect(f"{root}/.promptgate/promptgate.db", timeout=30)
    dup = db.execute("""SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) n FROM results
        GROUP BY run_id, suite, case_id, repeat_index HAVING n > 1)""").fetchone()[0]
    stats["duplicated"] += dup
    runs = {rid: status for rid, status in db.execute("SELECT id, status FROM runs")}
    counts = dict(db.execute("""SELECT run_id, COUNT(DISTINCT suite || char(10) || case_id ||
        char(10) || repeat_index) FROM results GROUP BY run_id"""))
    for rid, status in runs.items():
        if status == "completed" and counts.get(rid, 0) != CASES:
            stats["lost"] += CASES - counts.get(rid, 0)
    for (text,) in db.execute("SELECT record FROM gates WHERE decision = 'pass'"):
        record = json.loads(text)
        for side in ("base", "candidate"):
            rid = record[side]["run_id"]
            if runs.get(rid) != "completed" or counts.get(rid, 0) != CASES:
                stats["passes_on_incomplete"] += 1
    stats["results"] += sum(counts.values())
    db.close()


def round_(url, stats):
    root = project(url)
    kind = rng.choice(["run", "compare", "gate", "two-runs"])
    sig = rng.choice([signal.SIGINT, signal.SIGKILL])
    delay = rng.uniform(0.2, 2.0)
    if kind == "run":
        procs = [spawn(root, ["run", "--prompt", "bot@1", "--no-cache"])]
    elif kind == "two-runs":
        procs = [spawn(root, ["run", "--prompt", "bot@1", "--no-cache"]),
                 spawn(root, ["run", "--prompt", "bot@2", "--no-cache"])]
    else:
        procs = [spawn(root, [kind, "bot@1", "bot@2", "--no-cache"])]
    time.sleep(delay)
    victim = rng.choice(procs)
    if victim.poll() is None:
        os.killpg(victim.pid, sig)
        stats["signals"] += 1
    for p in procs:
        p.wait(timeout=120)
    check(root, stats)
    # Resume whatever is unfinished, then gate: the gate may pass only on complete runs.
    db = sqlite3.connect(f"{root}/.promptgate/promptgate.db", timeout=30)
    unfinished = [r for (r,) in db.execute("SELECT id FROM runs WHERE status != 'completed'")]
    db.close()
    for rid in unfinished:
        finish(root, ["run", "--resume", str(rid), "--no-cache"])
        stats["resumes"] += 1
    gate = finish(root, ["gate", "bot@1", "bot@2", "--resume", "--no-cache"])
    stats["gates"] += 1
    stats["gate_exit"][gate.returncode] = stats["gate_exit"].get(gate.returncode, 0) + 1
    check(root, stats)
    stats["rounds"] += 1


def main():
    proc, url = start_fake()
    stats = {"rounds": 0, "signals": 0, "resumes": 0, "gates": 0, "results": 0, "lost": 0,
             "duplicated": 0, "passes_on_incomplete": 0, "gate_exit": {}}
    started = time.time()
    try:
        for _ in range(ROUNDS):
            round_(url, stats)
    finally:
        proc.kill()
    print(f"chaos: {stats['rounds']} rounds ({CASES} cases per prompt, seed {SEED}) in "
          f"{time.time() - started:.1f} s: {stats['signals']} signals, {stats['resumes']} "
          f"resumes, {stats['gates']} gates (exit codes {stats['gate_exit']}), "
          f"{stats['results']} results checked")
    print(f"  lost {stats['lost']}, duplicated {stats['duplicated']}, "
          f"passes on incomplete evidence {stats['passes_on_incomplete']}")
    bad = stats["lost"] + stats["duplicated"] + stats["passes_on_incomplete"]
    sys.exit(1 if bad else 0)


main()
