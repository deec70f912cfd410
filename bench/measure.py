#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU seconds and peak RSS (MB) as JSON, with its
start and end as epoch seconds (for a server's timestamps to be set against)."""
import json, os, resource, subprocess, sys, time

def measure(argv, cwd=None, env=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started_at = time.time()
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    ended_at = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "exit": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        # ru_maxrss is the largest child so far, in KiB on Linux.
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
        "start_at": started_at,
        "end_at": ended_at,
        "stderr_tail": proc.stderr.decode(errors="replace")[-300:],
    }

if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1:])))
