#!/usr/bin/env bash
# Side-by-side `rlgym bench --vector` of two builds on this machine: runs them alternately, ROUNDS times per env,
# and prints the best env-steps/s of each per (env, mode, N) with the ratio new/old.
# Usage: compare-vector-bench.sh OLD_RLGYM_DLL NEW_RLGYM_DLL [ROUNDS] [ENV...]
set -euo pipefail
old=$1 new=$2 rounds=${3:-3}; shift $(( $# < 3 ? $# : 3 ))
envs=("${@:-CartPole-v1}")
out=$(mktemp -d)
for env in "${envs[@]}"; do
  for round in $(seq "$rounds"); do
    for build in old new; do
      dll=$old; [[ $build == new ]] && dll=$new
      dotnet "$dll" bench --vector --env "$env" --num-envs 1024 4096 16384 --modes soa fast --seconds 1 --warmup 0.5 --json \
        > "$out/$build-${env//\//_}-$round.json"
    done
  done
done
/usr/bin/python3 - "$out" <<'PY'
import glob, json, os, sys
best = {}
for path in glob.glob(os.path.join(sys.argv[1], "*.json")):
    build = os.path.basename(path).split("-", 1)[0]
    data = json.load(open(path))
    for metric in ("env_steps_per_second", "env_steps_per_cpu_second"):
        for mode, rates in data[metric].items():
            for n, rate in zip(data["num_envs"], rates):
                if rate is None:
                    continue
                key = (data["env"], mode, n)
                slot = best.setdefault(key, {}).setdefault(build, {})
                slot[metric] = max(slot.get(metric, 0), rate)
# Wall-clock rates on all cores, and per CPU-second (less sensitive to other load on a shared machine).
print("| env | mode | N | before (env-steps/s) | after (env-steps/s) | after / before | before (per CPU-s) | after (per CPU-s) | after / before |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for (env, mode, n), v in sorted(best.items()):
    o, w = v["old"], v["new"]
    wall, cpu = "env_steps_per_second", "env_steps_per_cpu_second"
    print(f"| {env} | {mode} | {n:,} | {o[wall]:,.0f} | {w[wall]:,.0f} | {w[wall] / o[wall]:.2f} "
          f"| {o[cpu]:,.0f} | {w[cpu]:,.0f} | {w[cpu] / o[cpu]:.2f} |")
PY
