"""Measure the hosting story: a local cluster (deploy.local), a protocol-level load (bench.load)
through its proxy, and the replicas' memory and CPU while the sessions are open.

    python -m bench.hosting --replicas 3 --sessions 200 --ramp 30
    python -m bench.hosting --replicas 3 --sessions 50 --ramp 10 --duration 300 --think 5 \
        --kill-after 150

Prints one JSON object: the load summary plus per replica the RSS before the load (after one
warm-up session each), the peak while the sessions were open, MB per added session, and CPU.
With --kill-after S one replica is SIGKILLed S seconds into the load and the time until HAProxy
reported it DOWN (from its log) is included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

from bench import load
from bench.servers import tree_cpu_seconds, tree_rss
from deploy import local

MB = 1024 * 1024


async def _warm(url: str, n: int) -> None:
    # One session per replica so every replica has loaded the bundle before the baseline.
    for _ in range(n):
        session = load.StreamlitSession(url, "/kaart?sel=GM0363")
        await session.connect()
        await session.run(first=True)
        await session.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hosting", description=__doc__)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--ramp", type=float, default=30.0)
    parser.add_argument("--duration", type=float, default=0.0)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--reruns", type=int, default=2)
    parser.add_argument("--hold", type=float, default=5.0)
    parser.add_argument("--kill-after", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)

    cluster = local.Cluster(args.replicas, args.port or local.free_port(), check_inter="1s")
    cluster.start()
    try:
        asyncio.run(_warm(cluster.url, args.replicas * 2))
        pids = {r.name: r.process.pid for r in cluster.replicas}
        base_rss = {name: tree_rss(pid) for name, pid in pids.items()}
        base_cpu = {name: tree_cpu_seconds(pid) for name, pid in pids.items()}
        peak = dict(base_rss)
        command = [sys.executable, "-m", "bench.load", "--url", cluster.url]
        command += ["--sessions", str(args.sessions), "--ramp", str(args.ramp), "--json"]
        command += ["--think", str(args.think), "--reruns", str(args.reruns)]
        command += ["--hold", str(args.hold)]
        if args.duration:
            command += ["--duration", str(args.duration)]
        started = time.monotonic()
        client = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        killed: dict[str, float] = {}
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                for name, pid in pids.items():
                    if name not in killed:
                        peak[name] = max(peak[name], tree_rss(pid))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        if args.kill_after:
            while time.monotonic() - started < args.kill_after and client.poll() is None:
                time.sleep(0.2)
            victim = cluster.replicas[0]
            end_cpu_victim = tree_cpu_seconds(victim.process.pid)
            killed[victim.name] = time.monotonic()
            os.kill(victim.process.pid, signal.SIGKILL)
            log_path = cluster.folder / "haproxy.log"
            while time.monotonic() - killed[victim.name] < 60:
                if "is DOWN" in log_path.read_text(errors="replace"):
                    killed["down_after_s"] = time.monotonic() - killed[victim.name]
                    break
                time.sleep(0.1)
        out, _ = client.communicate()
        wall = time.monotonic() - started
        stop.set()
        sampler.join()
        cpu = {
            name: round(
                (end_cpu_victim if name in killed else tree_cpu_seconds(pid)) - base_cpu[name], 1
            )
            for name, pid in pids.items()
        }
        down_after = killed.pop("down_after_s", None)
        summary = json.loads(out.strip().splitlines()[-1])
        per_replica = {}
        for name in pids:
            sessions_here = summary["replicas"].get(name, 0)
            grown = (peak[name] - base_rss[name]) / MB
            per_replica[name] = {
                "sessions": sessions_here,
                "rss_base_mb": round(base_rss[name] / MB),
                "rss_peak_mb": round(peak[name] / MB),
                "mb_per_session": round(grown / sessions_here, 2) if sessions_here else None,
                "cpu_s": cpu[name],
                "cpu_share": round(cpu[name] / wall, 2),
            }
        result = {"replicas_n": args.replicas, "load": summary, "per_replica": per_replica}
        if killed:
            log = (cluster.folder / "haproxy.log").read_text(errors="replace")
            result["haproxy_down_lines"] = re.findall(r".*is DOWN.*", log)[:3]
            result["down_after_s"] = None if down_after is None else round(down_after, 2)
        print(json.dumps(result), flush=True)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
