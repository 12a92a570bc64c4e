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
    for mode, rates in data["env_steps_per_second"].items():
        for n, rate in zip(data["num_envs"], rates):
            if rate is None:
                continue
            key = (data["env"], mode, n)
            best.setdefault(key, {}).setdefault(build, 0)
            best[key][build] = max(best[key][build], rate)
print(f"| env | mode | N | before (env-steps/s) | after (env-steps/s) | after / before |")
print("|---|---|---:|---:|---:|---:|")
for (env, mode, n), v in sorted(best.items()):
    print(f"| {env} | {mode} | {n:,} | {v['old']:,.0f} | {v['new']:,.0f} | {v['new'] / v['old']:.2f} |")
PY
