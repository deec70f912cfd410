#!/usr/bin/env python3
"""An OpenAI-compatible fake for bench/peers.sh: aiohttp (+ uvloop when installed), a fixed
delay per reply, the reply "echo: <last user message>". GET /stats gives the request count,
the span from the first to the last request, and (as epoch seconds, for bench/measure.py's
start and end) when the first request came and the last reply left, so both clients are
measured on one server.
Usage: server.py PORT LATENCY_MS"""
import asyncio, json, sys, time

from aiohttp import web

port, latency = int(sys.argv[1]), int(sys.argv[2]) / 1000
stats = {"requests": 0, "first": None, "last": None, "first_at": None, "last_reply_at": None}


async def chat(request):
    body = await request.json()
    now = time.monotonic()
    stats["requests"] += 1
    stats["first"] = stats["first"] or now
    stats["last"] = now
    stats["first_at"] = stats["first_at"] or time.time()
    await asyncio.sleep(latency)
    stats["last_reply_at"] = time.time()
    text = "echo: " + body["messages"][-1]["content"]
    return web.json_response({
        "id": "cmpl", "object": "chat.completion", "model": body.get("model", "fake"),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 8, "completion_tokens": 4, "total_tokens": 12},
    })


async def get_stats(_):
    span = (stats["last"] - stats["first"]) if stats["first"] else 0
    return web.json_response({"requests": stats["requests"], "span_s": round(span, 3),
                              "first_at": stats["first_at"],
                              "last_reply_at": stats["last_reply_at"]})


async def reset(_):
    stats.update(requests=0, first=None, last=None, first_at=None, last_reply_at=None)
    return web.json_response({})


try:
    import uvloop
    uvloop.install()
except ImportError:
    pass
app = web.Application()
app.add_routes([web.post("/v1/chat/completions", chat), web.get("/stats", get_stats),
                web.post("/stats/reset", reset)])
web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)
