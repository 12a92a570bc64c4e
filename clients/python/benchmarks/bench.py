"""Steps per second of the Python client against a running RlGym server.

    python3 bench.py --address localhost:50051 [--env CartPole-v1] [--seconds 5] [--json]
    python3 bench.py --address unix:///tmp/rlgym.sock --transport shm stream --num-envs 16384 \
        --vectorization soa fast --gymnasium

Measures a single environment lock-step over each transport (``--transport``: the Session stream, unary calls,
shared memory), then vector environments (make_vec) of several sizes over each transport and vectorization when the
server provides batched environments, and with ``--gymnasium`` Gymnasium's own numpy vector env in this process for
the same sizes (side by side: the machine's load changes run to run). Shared memory needs the server on this host
(any address of it works: the data path does not use it). Each measurement warms up first (the server JITs its hot
path).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time

import numpy as np

import rlgym


def measure_single(address: str, env_id: str, transport: str, warmup: float, seconds: float) -> dict:
    with rlgym.make(env_id, address=address, transport=transport) as env:
        env.action_space.seed(0)
        actions = [env.action_space.sample() for _ in range(1024)]
        env.reset(seed=0)

        def run(duration: float) -> tuple[int, list[float]]:
            steps, latencies, end = 0, [], time.perf_counter() + duration
            while time.perf_counter() < end:
                start = time.perf_counter()
                _, _, terminated, truncated, _ = env.step(actions[steps % len(actions)])
                latencies.append(time.perf_counter() - start)
                steps += 1
                if terminated or truncated:
                    env.reset()
            return steps, latencies

        run(warmup)
        start = time.perf_counter()
        steps, latencies = run(seconds)
        elapsed = time.perf_counter() - start
    return {"name": f"single/{transport}", "env": env_id, "num_envs": 1, "steps": steps, "seconds": elapsed,
            "env_steps_per_s": steps / elapsed, "p50_us": float(np.percentile(latencies, 50) * 1e6),
            "p99_us": float(np.percentile(latencies, 99) * 1e6)}


def _time_batched_steps(env, warmup: float, seconds: float) -> tuple[int, float]:
    """Steps a vector env with seeded random action batches: the calls made in ``seconds`` after ``warmup``, and the
    seconds they took."""
    env.action_space.seed(0)
    actions = [env.action_space.sample() for _ in range(64)]
    env.reset(seed=0)

    def run(duration: float) -> int:
        calls, end = 0, time.perf_counter() + duration
        while time.perf_counter() < end:
            env.step(actions[calls % len(actions)])
            calls += 1
        return calls

    run(warmup)
    start = time.perf_counter()
    calls = run(seconds)
    return calls, time.perf_counter() - start


def measure_vector(address: str, env_id: str, num_envs: int, warmup: float, seconds: float,
                   transport: str = "stream", vectorization: str | None = None, copy: bool = True,
                   pipeline: int = 1) -> dict:
    with rlgym.make_vec(env_id, num_envs=num_envs, address=address, transport=transport,
                        vectorization=vectorization, copy=copy, pipeline=pipeline) as env:
        calls, elapsed = _time_batched_steps(env, warmup, seconds)
    name = (f"vector/{num_envs}/{transport}/{vectorization or 'auto'}" + ("" if copy else "/views")
            + ("" if pipeline == 1 else f"/pipeline {pipeline}"))
    return {"name": name, "env": env_id, "num_envs": num_envs, "steps": calls * num_envs,
            "seconds": elapsed, "env_steps_per_s": calls * num_envs / elapsed, "calls_per_s": calls / elapsed}


def measure_gymnasium(env_id: str, num_envs: int, warmup: float, seconds: float) -> dict:
    """Gymnasium's own vector env (its numpy vector entry point, e.g. CartPoleVectorEnv) in this process."""
    import gymnasium

    env = gymnasium.make_vec(env_id, num_envs=num_envs, vectorization_mode="vector_entry_point")
    try:
        calls, elapsed = _time_batched_steps(env, warmup, seconds)
    finally:
        env.close()
    return {"name": f"gymnasium/{num_envs}", "env": env_id, "num_envs": num_envs, "steps": calls * num_envs,
            "seconds": elapsed, "env_steps_per_s": calls * num_envs / elapsed, "calls_per_s": calls / elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default="localhost:50051", help="RlGym server (host:port or unix:///path)")
    parser.add_argument("--env", default="CartPole-v1", help="environment id")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per case")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per case")
    parser.add_argument("--num-envs", type=int, nargs="*", default=[16, 256, 4096], help="make_vec sizes")
    parser.add_argument("--transport", nargs="*", default=["stream", "unary"],
                        choices=["auto", "shm", "stream", "unary"], help="transports to measure")
    parser.add_argument("--vectorization", nargs="*", default=[None],
                        help="make_vec vectorizations to measure (soa = exact, fast = float32; default: the server's)")
    parser.add_argument("--views", action="store_true", help="shared memory: make_vec(copy=False), zero-copy views")
    parser.add_argument("--gymnasium", action="store_true", help="also Gymnasium's numpy vector env, in process")
    parser.add_argument("--no-single", action="store_true", help="skip the single-environment cases")
    parser.add_argument("--pipeline", type=int, nargs="*", default=[1],
                        help="make_vec(pipeline=K) values to measure on the stream transport (1: one handle)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure every case this many times, the cases alternated, and keep each one's best")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    args = parser.parse_args()

    best: dict[str, dict] = {}
    notes: list[str] = []

    def keep(result: dict) -> None:
        if result["name"] not in best or result["env_steps_per_s"] > best[result["name"]]["env_steps_per_s"]:
            best[result["name"]] = result

    for _ in range(args.rounds):
        if not args.no_single:
            for transport in args.transport:
                keep(measure_single(args.address, args.env, transport, args.warmup, args.seconds))
        for num_envs in args.num_envs:
            if args.gymnasium:
                keep(measure_gymnasium(args.env, num_envs, args.warmup, args.seconds))
            for vectorization in args.vectorization:
                for transport in args.transport:
                    for pipeline in args.pipeline if transport == "stream" else [1]:
                        try:
                            keep(measure_vector(args.address, args.env, num_envs, args.warmup, args.seconds, transport,
                                                vectorization, copy=not (args.views and transport == "shm"),
                                                pipeline=pipeline))
                        except NotImplementedError as error:
                            notes.append(f"make_vec not measured: {error}")
    results = list(best.values())

    if args.json:
        print(json.dumps({"address": args.address, "python": platform.python_version(),
                          "numpy": np.__version__, "results": results, "notes": notes}, indent=2))
        return 0
    print(f"{'case':<32}{'env steps/s':>14}{'p50 us':>10}{'p99 us':>10}")
    for result in results:
        print(f"{result['name']:<32}{result['env_steps_per_s']:>14,.0f}"
              f"{result.get('p50_us', float('nan')):>10.0f}{result.get('p99_us', float('nan')):>10.0f}")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
