"""One Stable-Baselines3 training run with RlGym's hyperparameters, for ``rlgym bench-agents --mode sb3``.

    PYTHONPATH=$V/stable-baselines3-2.4.1:$V/gymnasium-1.0.0 python3 sb3_agent_run.py \\
        --algo ppo --env CartPole-v1 --seed 0 --eval-every 2000 --eval-episodes 10 [--threshold 475] [--full] \\
        --options '{"total_steps": "100000", "num_envs": "8", ...}'

``--options`` holds the RlGym algorithm's resolved options (snake_case key -> invariant text, as
``OptionsBinder.ToDictionary`` writes them); each is mapped to SB3's argument of the same meaning, and an option SB3
has no equivalent for is an error (so the two sides never silently train different things). Training runs on
Gymnasium's own environments in process (a DummyVecEnv of ``num_envs`` copies), one torch thread, on the CPU.
Evaluation mirrors RlGym's: every ``eval_every`` env steps (summed over copies), ``eval_episodes`` greedy episodes on a
separate env, episode k reset with seed ``eval_seed + k``; the run stops at the first evaluation whose mean reaches the
threshold unless ``--full``. Prints one JSON object: steps, wall and CPU seconds (the evaluations at the cadence
included, as on the RlGym side), the steps and seconds at the threshold, the final evaluation mean (a closing
evaluation after the last step, untimed, where the cadence did not end there) and the BLAS torch loaded.
"""

from __future__ import annotations

import argparse
import json
import time

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import A2C, DQN, PPO, SAC, TD3
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.noise import NormalActionNoise, OrnsteinUhlenbeckActionNoise
from stable_baselines3.common.vec_env import VecNormalize

EVAL_SEED = 1_000_000


class Options:
    """RlGym's options as typed values; every key must be read (``leftover``) so none is silently dropped.

    Values come as JSON (``rlgym train --print-config``) or as invariant text (a checkpoint's options)."""

    def __init__(self, raw: dict):
        self._raw = dict(raw)

    def text(self, key: str) -> str:
        value = self._raw.pop(key)
        return "" if value is None else str(value)

    def float(self, key: str) -> float:
        return float(self._raw.pop(key))

    def int(self, key: str) -> int:
        return int(self._raw.pop(key))

    def bool(self, key: str) -> bool:
        value = self._raw.pop(key)
        return value if isinstance(value, bool) else str(value).lower() == "true"

    def ints(self, key: str) -> list[int]:
        value = self._raw.pop(key)
        return [int(part) for part in value] if isinstance(value, list) else [int(p) for p in str(value).split(",") if p]

    def leftover(self) -> list[str]:
        return sorted(self._raw)


def linear(value: float, anneal: bool):
    # SB3's progress_remaining goes from 1 to 0 over training, as RlGym's annealing fraction does.
    return (lambda progress: value * progress) if anneal else value


def action_noise(kind: str, std: float, env) -> object | None:
    size = env.action_space.shape[-1]
    sigma = std * np.ones(size)
    kind = kind.lower().replace("_", "-")
    if kind == "none":
        return None
    if kind == "normal":
        return NormalActionNoise(np.zeros(size), sigma)
    if kind == "ornstein-uhlenbeck":
        return OrnsteinUhlenbeckActionNoise(np.zeros(size), sigma)
    raise ValueError(f"action_noise {kind!r} has no SB3 equivalent")


def build(algo: str, env_id: str, o: Options, seed: int):
    """The SB3 model, its training env and the observation normaliser evaluation must share."""
    total_steps = o.int("total_steps")
    num_envs = o.int("num_envs")
    env = make_vec_env(env_id, n_envs=num_envs, seed=seed)
    common = dict(seed=seed, device="cpu", verbose=0)
    if algo in ("ppo", "a2c"):
        num_steps = o.int("num_steps")
        anneal_lr = o.bool("anneal_lr")
        norm_obs, norm_reward = o.bool("normalize_observations"), o.bool("normalize_rewards")
        gamma = o.float("gamma")
        if norm_obs or norm_reward:
            env = VecNormalize(env, norm_obs=norm_obs, norm_reward=norm_reward, gamma=gamma)
        hidden = o.ints("hidden_sizes")
        policy_kwargs = dict(net_arch=dict(pi=hidden, vf=hidden), log_std_init=o.float("log_std_init"))
        args = dict(n_steps=num_steps, learning_rate=linear(o.float("learning_rate"), anneal_lr), gamma=gamma,
                    gae_lambda=o.float("gae_lambda"), normalize_advantage=o.bool("norm_advantage"),
                    ent_coef=o.float("ent_coef"), vf_coef=o.float("vf_coef"), max_grad_norm=o.float("max_grad_norm"),
                    use_sde=o.bool("use_sde"), sde_sample_freq=o.int("sde_sample_freq"), policy_kwargs=policy_kwargs)
        if algo == "ppo":
            clip = o.float("clip_coef")
            target_kl = o.float("target_kl")
            args.update(batch_size=num_envs * num_steps // o.int("num_minibatches"), n_epochs=o.int("update_epochs"),
                        clip_range=linear(clip, o.bool("anneal_clip_coef")),
                        clip_range_vf=clip if o.bool("clip_value_loss") else None,
                        target_kl=target_kl if target_kl > 0 else None)
            model = PPO("MlpPolicy", env, **args, **common)
        else:
            # RlGym's A2C uses RMSprop(alpha 0.99, eps 1e-5), SB3's default for A2C.
            model = A2C("MlpPolicy", env, **args, **common)
        return model, env, total_steps
    if algo == "dqn":
        if o.bool("double_dqn"):
            raise ValueError("double_dqn=true has no SB3 DQN equivalent")
        if not o.bool("huber_loss"):
            raise ValueError("huber_loss=false has no SB3 DQN equivalent")
        model = DQN("MlpPolicy", env, learning_rate=o.float("learning_rate"), buffer_size=o.int("buffer_size"),
                    learning_starts=o.int("learning_starts"), batch_size=o.int("batch_size"), gamma=o.float("gamma"),
                    tau=o.float("tau"), target_update_interval=o.int("target_update_interval"),
                    train_freq=o.int("train_frequency"), gradient_steps=o.int("gradient_steps"),
                    exploration_fraction=o.float("exploration_fraction"),
                    exploration_initial_eps=o.float("start_epsilon"), exploration_final_eps=o.float("final_epsilon"),
                    max_grad_norm=o.float("max_grad_norm"), policy_kwargs=dict(net_arch=o.ints("hidden_sizes")),
                    **common)
        return model, env, total_steps
    if algo in ("sac", "td3"):
        args = dict(learning_rate=o.float("learning_rate"), buffer_size=o.int("buffer_size"),
                    learning_starts=o.int("learning_starts"), batch_size=o.int("batch_size"), gamma=o.float("gamma"),
                    tau=o.float("tau"), train_freq=o.int("train_frequency"), gradient_steps=o.int("gradient_steps"),
                    action_noise=action_noise(o.text("action_noise"), o.float("action_noise_std"), env),
                    policy_kwargs=dict(net_arch=o.ints("hidden_sizes")))
        if algo == "sac":
            ent_coef = o.float("ent_coef")
            target_entropy = o.text("target_entropy")  # empty or null: SB3's "auto", -dim(A), as RlGym's default
            args.update(target_update_interval=o.int("target_update_interval"),
                        ent_coef=f"auto_{ent_coef}" if o.bool("auto_entropy") else ent_coef,
                        target_entropy=float(target_entropy) if target_entropy else "auto")
            model = SAC("MlpPolicy", env, **args, **common)
        else:
            args.update(policy_delay=o.int("policy_delay"), target_policy_noise=o.float("target_policy_noise"),
                        target_noise_clip=o.float("target_noise_clip"))
            model = TD3("MlpPolicy", env, **args, **common)
        return model, env, total_steps
    raise ValueError(f"no SB3 counterpart for algorithm {algo!r}")


def evaluate(model, env_id: str, normaliser, episodes: int) -> float:
    env = gym.make(env_id)
    returns = []
    for episode in range(episodes):
        observation, _ = env.reset(seed=EVAL_SEED + episode)
        total, done = 0.0, False
        while not done:
            if normaliser is not None:
                observation = normaliser.normalize_obs(observation)
            action, _ = model.predict(observation, deterministic=True)
            observation, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    env.close()
    return float(np.mean(returns))


class Evaluations(BaseCallback):
    """Evaluates every ``every`` env steps (and at the end); stops at the threshold unless ``full``."""

    def __init__(self, env_id, normaliser, every, episodes, threshold, full, start):
        super().__init__()
        self.env_id, self.normaliser, self.every, self.episodes = env_id, normaliser, every, episodes
        self.threshold, self.full, self.start = threshold, full, start
        self.next_at = every
        self.last_step = -1
        self.final = None
        self.at_threshold = None

    def evaluate_now(self) -> bool:
        self.last_step = self.num_timesteps
        self.final = evaluate(self.model, self.env_id, self.normaliser, self.episodes)
        if self.at_threshold is None and self.threshold is not None and self.final >= self.threshold:
            self.at_threshold = (self.num_timesteps, time.perf_counter() - self.start)
            return self.full
        return True

    def _on_step(self) -> bool:
        if self.every > 0 and self.num_timesteps >= self.next_at:
            while self.next_at <= self.num_timesteps:
                self.next_at += self.every
            return self.evaluate_now()
        return True


def blas_library() -> str:
    """The BLAS this process loaded (torch's matrix products run on it): its path from /proc/self/maps."""
    torch.ones(2, 2) @ torch.ones(2, 2)
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "/" in line}
    except OSError:
        return "unknown"
    for path in sorted(paths):
        name = path.rsplit("/", 1)[-1]
        if name.startswith(("libblas", "libopenblas", "libmkl_rt", "libmkl_core")):
            return path
    return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--algo", required=True)
    parser.add_argument("--env", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-every", type=int, default=2000)
    parser.add_argument("--eval-episodes", type=int, default=10)
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--options", required=True, help="RlGym's resolved options as a JSON object of strings")
    args = parser.parse_args()
    torch.set_num_threads(1)

    options = Options(json.loads(args.options))
    start_cpu, start = time.process_time(), time.perf_counter()
    model, env, total_steps = build(args.algo, args.env, options, args.seed)
    if options.leftover():
        raise SystemExit(f"sb3_agent_run.py: no SB3 mapping for {args.algo} options {', '.join(options.leftover())}")
    normaliser = env if isinstance(env, VecNormalize) else None
    callback = Evaluations(args.env, normaliser, args.eval_every, args.eval_episodes, args.threshold, args.full, start)
    model.learn(total_steps, callback=callback)
    # Timed as RlGym's side is: training and the evaluations at the cadence. The closing evaluation below has no
    # counterpart there, so it stays out of the wall and CPU seconds and does not count as reaching the threshold.
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if callback.last_step != model.num_timesteps and (callback.at_threshold is None or args.full):
        callback.final = evaluate(model, args.env, normaliser, args.eval_episodes)
    print(json.dumps({
        "steps": int(model.num_timesteps), "wall_seconds": wall, "cpu_seconds": cpu,
        "steps_to_threshold": callback.at_threshold[0] if callback.at_threshold else None,
        "seconds_to_threshold": callback.at_threshold[1] if callback.at_threshold else None,
        "final_eval_mean": callback.final, "blas": blas_library(),
    }))


if __name__ == "__main__":
    main()
