#!/usr/bin/env python3
"""Callgrind instruction counts (Ir) per message of skydash's headless path and per replay record.

Hand-run, like bench.py (whose server and workload it uses); not part of the tests.  Usage:

    python3 Tests/peers/callgrind.py --skydash .build/release/skydash [--small N] [--large N]
                                     [--replay-small N] [--replay-large N]

The binary is copied and stripped of debug info first (`strip --strip-debug`; valgrind reads
Swift's DWARF slowly).  Each measurement runs the binary twice under `valgrind --tool=callgrind
--separate-threads=yes`, with a small and a large workload, and prints (Ir(large) - Ir(small)) /
(large - small): start-up, connect and exit cancel out.  Per thread as well as in total.

  headless, journal on / off: `connect URL --headless --format jsonl` (stdout read by this script)
      against bench.py's server sending bench.py's receive workload (--small 1000, --large 4000
      messages); the run is stopped with SIGTERM once the last order line is read.
  replay: `replay FILE --instant --headless` to /dev/null of bench.py's generated journal
      (--replay-small 10000, --replay-large 40000 records).

Since messages are handed over per socket read, the headless counts move by a few hundred Ir
between runs of the same binary (how many messages share a read depends on thread timing).
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the same server and workload as the benchmark)


def totals(prefix: str) -> dict[str, int]:
    """Ir per thread from callgrind's per-thread files (`PREFIX-01`, `PREFIX-02`, ...)."""
    out: dict[str, int] = {}
    for path in sorted(glob.glob(prefix + "*")):
        thread = path[len(prefix):].lstrip("-") or "all"
        ir = 0
        with open(path, errors="replace") as f:
            for line in f:
                if line.startswith(("totals:", "summary:")):
                    ir = int(line.split()[1])
        out[thread] = ir
    return out


def headless(binary: str, server: bench.BenchServer, n: int, journal: bool, tmp: str,
             tag: str) -> dict[str, int]:
    batches, _, _ = bench.encode_frames(bench.make_messages(n))
    name = f"cg-{tag}-{n}"
    server.add(name, bench.Run(batches=batches, close_after=False))
    prefix = os.path.join(tmp, f"{name}.out")
    flags = ["--journal", os.path.join(tmp, f"{name}.jsonl")] if journal else ["--no-journal"]
    argv = ["valgrind", "--tool=callgrind", "--separate-threads=yes",
            f"--callgrind-out-file={prefix}", binary, "connect",
            f"ws://127.0.0.1:{server.port}/{name}/ws", "--headless", "--format", "jsonl"] + flags
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = 0
    # The server keeps the connection open, so a run that prints fewer than n order lines would
    # block the loop below for ever: a timer stops it (the line loop then sees end of file).
    limit = threading.Timer(600, p.kill)
    limit.start()
    try:
        assert p.stdout is not None
        for line in p.stdout:
            if b'"event":"order"' in line or b'"event":"reminder"' in line:
                seen += 1
                if seen >= n:
                    break
        time.sleep(0.5)
        p.send_signal(signal.SIGTERM)
        p.communicate(timeout=120)
    finally:
        limit.cancel()
        if p.poll() is None:
            p.kill()
            p.wait()
    if seen < n:
        raise RuntimeError(f"{tag}: saw {seen} of {n} order lines")
    return totals(prefix)


def replay(binary: str, journal: str, tmp: str, tag: str) -> dict[str, int]:
    prefix = os.path.join(tmp, f"cg-{tag}.out")
    argv = ["valgrind", "--tool=callgrind", "--separate-threads=yes",
            f"--callgrind-out-file={prefix}", binary, "replay", journal, "--instant", "--headless"]
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=900)
    return totals(prefix)


def per_unit(small: dict[str, int], large: dict[str, int], units: int) -> tuple[float, str]:
    total = (sum(large.values()) - sum(small.values())) / units
    threads = []
    for thread in sorted(set(small) | set(large)):
        d = (large.get(thread, 0) - small.get(thread, 0)) / units
        if abs(d) >= 50:
            threads.append(f"thread {thread}: {d:,.0f}")
    return total, "; ".join(threads)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skydash", required=True, help="the skydash binary (release build)")
    ap.add_argument("--small", type=int, default=1000, help="messages in the small headless run (1000)")
    ap.add_argument("--large", type=int, default=4000, help="messages in the large headless run (4000)")
    ap.add_argument("--replay-small", type=int, default=10_000, help="records, small replay (10000); 0 skips replay")
    ap.add_argument("--replay-large", type=int, default=40_000, help="records, large replay (40000)")
    args = ap.parse_args()
    if args.large <= args.small or (args.replay_small and args.replay_large <= args.replay_small):
        ap.error("each large workload must be bigger than its small one")
    if shutil.which("valgrind") is None:
        print("callgrind.py: valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="skydash-callgrind-")
    server = None
    try:
        binary = os.path.join(tmp, "skydash")
        subprocess.run(["strip", "--strip-debug", "-o", binary, args.skydash], check=True)
        server = bench.BenchServer()
        units = args.large - args.small
        print(f"callgrind Ir per unit, (Ir(large) - Ir(small)) / (large - small); {args.skydash}")
        for journal in (True, False):
            tag = "journal" if journal else "no-journal"
            small = headless(binary, server, args.small, journal, tmp, tag)
            large = headless(binary, server, args.large, journal, tmp, tag)
            total, threads = per_unit(small, large, units)
            print(f"headless, {'journal on ' if journal else 'journal off'}: {total:,.0f} Ir per message ({threads})",
                  flush=True)
        if args.replay_small:
            paths = []
            for n in (args.replay_small, args.replay_large):
                path = os.path.join(tmp, f"replay-{n}.jsonl")
                bench.write_journal(path, n)
                paths.append(path)
            small = replay(binary, paths[0], tmp, "replay-small")
            large = replay(binary, paths[1], tmp, "replay-large")
            total, threads = per_unit(small, large, args.replay_large - args.replay_small)
            print(f"replay --instant --headless: {total:,.0f} Ir per record ({threads})", flush=True)
        return 0
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
