#!/usr/bin/env bash
# Side-by-side CartPole-v1 at N copies: `rlgym bench --vector` (soa: exact, fast: float32) against Gymnasium's own
# numpy vector env (CartPoleVectorEnv, one Python thread), alternated ROUNDS times, best of each, with the ratios.
# Usage: compare-gymnasium-vector.sh [RLGYM_DLL] [ROUNDS] [N] [SECONDS]
# Gymnasium comes from GYMNASIUM (default ../shared/vendor/python/gymnasium-1.3.0 beside the checkout).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
dll=${1:-$root/src/RlGym.Cli/bin/Release/net10.0/rlgym.dll} rounds=${2:-3} n=${3:-4096} seconds=${4:-1}
gymnasium=${GYMNASIUM:-$root/../shared/vendor/python/gymnasium-1.3.0}
out=$(mktemp -d)
for round in $(seq "$rounds"); do
  dotnet "$dll" bench --vector --env CartPole-v1 --num-envs "$n" --modes soa fast --seconds "$seconds" --warmup 0.5 --json \
    > "$out/rlgym-$round.json"
  PYTHONPATH=$gymnasium /usr/bin/python3 - "$n" "$seconds" > "$out/gymnasium-$round.json" <<'PY'
import json, sys, time
import numpy as np
from gymnasium.envs.classic_control.cartpole import CartPoleVectorEnv

# As rlgym bench: 4 pre-sampled random action batches, next-step autoreset, only the stepping timed.
n, seconds = int(sys.argv[1]), float(sys.argv[2])
env = CartPoleVectorEnv(num_envs=n)
env.reset(seed=0)
rng = np.random.default_rng(0)
batches = [rng.integers(0, 2, size=n) for _ in range(4)]

def run(duration):
    calls, start = 0, time.perf_counter()
    end = start + duration
    while time.perf_counter() < end:
        env.step(batches[calls % 4])
        calls += 1
    return calls * n / (time.perf_counter() - start)

run(0.5)
print(json.dumps({"gymnasium": run(seconds)}))
PY
done
/usr/bin/python3 - "$out" "$n" <<'PY'
import glob, json, os, sys
best = {"soa": 0.0, "fast": 0.0, "gymnasium": 0.0}
for path in glob.glob(os.path.join(sys.argv[1], "*.json")):
    data = json.load(open(path))
    if "gymnasium" in data:
        best["gymnasium"] = max(best["gymnasium"], data["gymnasium"])
    else:
        for mode in ("soa", "fast"):
            best[mode] = max(best[mode], data["env_steps_per_second"][mode][0])
gym = best["gymnasium"]
print(f"CartPole-v1, N = {int(sys.argv[2]):,}, best of each (env-steps/s, wall clock); load average {os.getloadavg()[0]:.1f}")
print("| implementation | env-steps/s | x Gymnasium |")
print("|---|---:|---:|")
print(f"| Gymnasium CartPoleVectorEnv (numpy, 1 thread) | {gym:,.0f} | 1.00 |")
for mode, name in (("soa", "rlgym soa (exact float64)"), ("fast", "rlgym fast (float32 SIMD)")):
    print(f"| {name} | {best[mode]:,.0f} | {best[mode] / gym:.2f} |")
PY
