#!/usr/bin/env python3
"""The yardstick: a bare aiohttp loop with no harness. N prompts, C in flight, a substring
check per answer, nothing parsed beyond the JSON, nothing stored.
Usage: loop.py BASE_URL N C"""
import asyncio, sys

import aiohttp

base, n, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


async def main():
    queue = list(range(n))
    passed = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=c)) as session:
        async def worker():
            nonlocal passed
            while queue:
                i = queue.pop()
                body = {"model": "fake-model", "temperature": 0, "max_tokens": 16,
                        "messages": [{"role": "user", "content": f"question {i} about plan {i % 7}"}]}
                async with session.post(f"{base}/chat/completions", json=body) as r:
                    data = await r.json()
                if f"plan {i % 7}" in data["choices"][0]["message"]["content"]:
                    passed += 1
        await asyncio.gather(*(worker() for _ in range(c)))
    print(f"{passed}/{n} passed")

try:
    import uvloop
    uvloop.install()
except ImportError:
    pass
asyncio.run(main())
