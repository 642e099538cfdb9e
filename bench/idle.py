#!/usr/bin/env python3
"""Opens COUNT keep-alive connections to the portal on 127.0.0.1:PORT, each after one request
answered in full, and keeps them idle until stdin closes; prints "ready N" once N are open.

The connections come from many loopback source addresses (127.0.1.x), as many users would:
the portal admits 256 connections per client address (docs/decisions/0021-bench.md).
usage: idle.py PORT COUNT [PATH]"""
import asyncio
import sys

PER_ADDRESS = 200


async def open_one(port, index, path):
    source = f"127.0.{1 + index // (PER_ADDRESS * 250)}.{1 + (index // PER_ADDRESS) % 250}"
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", port, local_addr=(source, 0))
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return writer


async def main():
    port, count = int(sys.argv[1]), int(sys.argv[2])
    path = sys.argv[3] if len(sys.argv) > 3 else "/connexion"
    writers, failed = [], 0
    # In batches, so the portal's accept queue and the worker pool are not what is measured.
    for start in range(0, count, 500):
        batch = [open_one(port, i, path) for i in range(start, min(count, start + 500))]
        for result in await asyncio.gather(*batch, return_exceptions=True):
            if isinstance(result, Exception):
                failed += 1
            else:
                writers.append(result)
    print(f"ready {len(writers)} failed {failed}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for w in writers:
        w.close()


asyncio.run(main())
