"""Kill test client for bench/feedback-serve.sh: threads post batches of 10 records with
unique ids to `feedback serve` and write each id to ACKED once its request got a 200; after
SECONDS the server gets SIGKILL while the clients are still posting.

usage: feedback_serve_kill.py PORT ACKED PID SECONDS
"""
import http.client
import json
import os
import signal
import sys
import threading
import time

port, acked_path, pid, seconds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
lock = threading.Lock()
acked = open(acked_path, "w")
stop = threading.Event()
counts = {"acked": 0, "failed": 0}


def client(worker):
    n = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while not stop.is_set():
        ids = [f"k{worker}-{n + i}" for i in range(10)]
        n += 10
        body = json.dumps([{"id": i, "rating": -1, "user_input": "reset?", "response": "no"} for i in ids])
        try:
            conn.request("POST", "/v1/feedback", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                with lock:
                    acked.write("\n".join(ids) + "\n")
                    counts["acked"] += len(ids)
        except (OSError, http.client.HTTPException):
            with lock:
                counts["failed"] += 1
            return


threads = [threading.Thread(target=client, args=(w,)) for w in range(8)]
for t in threads:
    t.start()
time.sleep(seconds)
os.kill(pid, signal.SIGKILL)
for t in threads:
    t.join(timeout=15)
stop.set()
acked.close()
print(f"SIGKILL after {seconds:.0f}s under load: {counts['acked']:,} records acknowledged, "
      f"{counts['failed']} requests cut off")
