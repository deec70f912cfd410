#!/usr/bin/env python3
"""A fake GitHub REST API on 127.0.0.1 for promptgate's tests (standard library only).

Serves what `promptgate github comment` calls: list, create and update issue comments.
Tokens containing "forbidden" get 403, "ratelimited" 403 with x-ratelimit-remaining 0,
"expired" 401; repository "acme/missing" 404; a body over 65,536 characters, or one that
contains "REFUSE-ME", 422.
GET /_state returns the comments and every request (method, path, headers) for assertions.

usage: fake-github.py [--port N]   prints "listening on http://127.0.0.1:PORT"
"""
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"comments": {}, "next_id": 1000, "requests": []}
LIMIT = 65536


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, payload, headers=None):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = self.path
        if path == "/_state":
            with LOCK:
                return self.reply(200, STATE)
        with LOCK:
            STATE["requests"].append(
                {"method": method, "path": path, "headers": dict(self.headers.items()),
                 "body": raw.decode("utf-8", "replace")})
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        if not token:
            return self.reply(401, {"message": "Requires authentication"})
        if "expired" in token:
            return self.reply(401, {"message": "Bad credentials"})
        if "forbidden" in token:
            return self.reply(403, {"message": "Resource not accessible by integration"})
        if "ratelimited" in token:
            return self.reply(
                403, {"message": "API rate limit exceeded for installation."},
                {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1767225600"})
        m = re.match(r"^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments(\?.*)?$", path)
        u = re.match(r"^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$", path)
        repo = "/".join((m or u).groups()[:2]) if (m or u) else None
        if repo is None or repo == "acme/missing":
            return self.reply(404, {"message": "Not Found"})
        if method in ("POST", "PATCH"):
            try:
                text = json.loads(raw)["body"]
            except (ValueError, KeyError, TypeError):
                return self.reply(400, {"message": "Problems parsing JSON"})
            if len(text) > LIMIT:
                return self.reply(422, {"message": "Validation Failed", "errors": [
                    {"resource": "IssueComment", "code": "custom", "field": "body",
                     "message": "body is too long (maximum is 65536 characters)"}]})
            if "REFUSE-ME" in text:
                return self.reply(422, {"message": "Validation Failed", "errors": [
                    {"resource": "IssueComment", "code": "unprocessable", "field": "body",
                     "message": "body contains content GitHub refused"}]})
        with LOCK:
            if m and method == "GET":
                issue = int(m.group(3))
                query = dict(re.findall(r"(\w+)=(\d+)", m.group(4) or ""))
                per_page, page = int(query.get("per_page", 30)), int(query.get("page", 1))
                mine = [c for c in STATE["comments"].values() if c["issue"] == issue]
                mine.sort(key=lambda c: c["id"])
                return self.reply(200, mine[(page - 1) * per_page: page * per_page])
            if m and method == "POST":
                STATE["next_id"] += 1
                cid = STATE["next_id"]
                comment = {"id": cid, "issue": int(m.group(3)), "body": text,
                           "html_url": f"https://github.example/{repo}/pull/{m.group(3)}#issuecomment-{cid}"}
                STATE["comments"][str(cid)] = comment
                return self.reply(201, comment)
            if u and method == "PATCH":
                comment = STATE["comments"].get(u.group(3))
                if comment is None:
                    return self.reply(404, {"message": "Not Found"})
                comment["body"] = text
                return self.reply(200, comment)
        return self.reply(404, {"message": "Not Found"})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")


def watch_parent():
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    port = 0
    if "--port" in sys.argv:
        port = int(sys.argv[sys.argv.index("--port") + 1])
    if "--seed" in sys.argv:  # comments already on PR 7 (other bots, people)
        for i in range(int(sys.argv[sys.argv.index("--seed") + 1])):
            STATE["next_id"] += 1
            STATE["comments"][str(STATE["next_id"])] = {
                "id": STATE["next_id"], "issue": 7, "body": f"an unrelated comment {i}",
                "html_url": ""}
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=watch_parent, daemon=True).start()
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
