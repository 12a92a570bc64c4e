"""Stable-Baselines3 on RlGym against SB3 on Gymnasium's own environments, side by side in one run.

    PYTHONPATH=clients/python/src:$V/stable-baselines3-2.4.1:$V/gymnasium-1.0.0 \\
        python3 bench_sb3.py --address localhost:50051 [--env CartPole-v1] [--n-envs 8] [--rounds 2] [--json]

Two measurements, each alternating RlGym and the reference ``rounds`` times and keeping the best of each:
  * vecenv: env-steps/s of the VecEnv alone (random actions): ``rlgym.sb3.make_vec_env`` (one request per step for all
    copies) against SB3's ``make_vec_env`` (a DummyVecEnv of Monitor-wrapped Gymnasium envs, in process);
  * ppo: env-steps/s of PPO learning with rl-baselines3-zoo's CartPole-v1 hyperparameters, one torch thread.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env as sb3_make_vec_env

import rlgym.sb3


def vecenv_rate(env, seconds: float) -> float:
    generator = np.random.default_rng(0)
    actions = [generator.integers(0, env.action_space.n, size=env.num_envs) for _ in range(256)]
    env.reset()
    for index in range(200):  # warm-up (the server's JIT, the channel)
        env.step(actions[index % len(actions)])
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        env.step(actions[steps % len(actions)])
        steps += 1
    return steps * env.num_envs / (time.perf_counter() - start)


def ppo_rate(env, timesteps: int) -> float:
    model = PPO("MlpPolicy", env, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20, ent_coef=0.0,
                learning_rate=lambda progress: 1e-3 * progress, clip_range=lambda progress: 0.2 * progress, seed=0,
                device="cpu")
    start = time.perf_counter()
    model.learn(timesteps)
    return timesteps / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default="localhost:50051")
    parser.add_argument("--env", default="CartPole-v1")
    parser.add_argument("--n-envs", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5.0, help="per vecenv measurement")
    parser.add_argument("--ppo-steps", type=int, default=20_000, help="per PPO measurement")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)

    makers = {
        "rlgym.sb3": lambda: rlgym.sb3.make_vec_env(args.env, n_envs=args.n_envs, address=args.address, seed=0),
        "sb3 local": lambda: sb3_make_vec_env(args.env, n_envs=args.n_envs, seed=0),
    }
    best: dict[tuple[str, str], float] = {}
    for _ in range(args.rounds):
        for name, make in makers.items():  # alternated, so both see the same machine load
            for measurement, rate in (("vecenv", lambda env: vecenv_rate(env, args.seconds)),
                                      ("ppo", lambda env: ppo_rate(env, args.ppo_steps))):
                env = make()
                try:
                    value = rate(env)
                finally:
                    env.close()
                best[(measurement, name)] = max(best.get((measurement, name), 0.0), value)

    rows = [{"measurement": measurement, "env": args.env, "n_envs": args.n_envs,
             "rlgym_env_steps_per_s": best[(measurement, "rlgym.sb3")],
             "local_env_steps_per_s": best[(measurement, "sb3 local")],
             "ratio": best[(measurement, "rlgym.sb3")] / best[(measurement, "sb3 local")]}
            for measurement in ("vecenv", "ppo")]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'measurement':<12} {'env':<14} {'n_envs':>6} {'rlgym.sb3':>12} {'sb3 local':>12} {'ratio':>6}")
    for row in rows:
        print(f"{row['measurement']:<12} {row['env']:<14} {row['n_envs']:>6} {row['rlgym_env_steps_per_s']:>12,.0f} "
              f"{row['local_env_steps_per_s']:>12,.0f} {row['ratio']:>6.2f}")
    print(f"(best of {args.rounds} alternated rounds; env-steps/s)")


if __name__ == "__main__":
    main()
