"""Stable-Baselines3 on RlGym: a native SB3 ``VecEnv`` over one batched handle.

    from stable_baselines3 import PPO
    import rlgym.sb3

    env = rlgym.sb3.make_vec_env("CartPole-v1", n_envs=8, address="localhost:50051", seed=0)
    PPO("MlpPolicy", env, seed=0).learn(100_000)

It behaves as SB3's own ``make_vec_env`` (a ``DummyVecEnv`` of ``Monitor``-wrapped Gymnasium envs): copy i is seeded
``seed + i`` at the first reset, a finished copy is reset in the same step with its last observation in
``infos[i]["terminal_observation"]``, ``infos[i]["TimeLimit.truncated"]`` says whether the time limit ended it, and
``infos[i]["episode"]`` holds the Monitor's ``{"r", "l", "t"}`` when an episode ends. All copies step in one request
(server-side same-step autoreset) instead of one request per copy. Needs ``stable-baselines3`` (2.4 runs on
Gymnasium 1.0).
"""

from __future__ import annotations

import time
import warnings
from typing import Any, Iterable, Sequence

import numpy as np
from stable_baselines3.common.monitor import Monitor
from stable_baselines3.common.vec_env.base_vec_env import VecEnv, VecEnvIndices, VecEnvObs, VecEnvStepReturn

from rlgym._compat import AutoresetMode
from rlgym.transport import DEFAULT_ADDRESS
from rlgym.vector_env import RemoteVectorEnv, in_copy_order

_FINAL_KEYS = ("final_obs", "_final_obs", "final_info", "_final_info")


def make_vec_env(env_id: str, n_envs: int = 1, address: str | Sequence[str] = DEFAULT_ADDRESS,
                 seed: int | None = None, monitor: bool = True, **kwargs: Any) -> "RemoteVecEnv":
    """SB3's ``make_vec_env`` for a served environment: ``n_envs`` copies as one batched handle.

    ``seed`` seeds copy i with ``seed + i`` at the first reset (and each copy's action space, as SB3 does);
    ``monitor`` adds the Monitor's ``infos[i]["episode"]``; ``kwargs`` go to :func:`rlgym.make_vec` (the environment's
    kwargs, ``render_mode``, ``max_episode_steps``, ``transport``, ``api_key``, ``timeout``, ...); with
    ``batch_size=n_envs`` the server steps the copies on all its cores between ``step_async`` and ``step_wait``.
    """
    env = RemoteVecEnv(RemoteVectorEnv(env_id, num_envs=n_envs, address=address,
                                       autoreset_mode=AutoresetMode.SAME_STEP, **kwargs), monitor=monitor)
    if seed is not None:
        env.action_space.seed(seed)
    env.seed(seed)
    return env


class RemoteVecEnv(VecEnv):
    """An SB3 ``VecEnv`` over a same-step :class:`rlgym.RemoteVectorEnv`."""

    _ATTRIBUTES = ("render_mode", "spec", "metadata", "observation_space", "action_space")

    def __init__(self, env: RemoteVectorEnv, monitor: bool = True):
        if env.metadata.get("autoreset_mode") != AutoresetMode.SAME_STEP:
            raise ValueError("RemoteVecEnv needs a vector env with autoreset_mode=SAME_STEP (SB3's semantics), got "
                             f"{env.metadata.get('autoreset_mode')}")
        if env.is_async and env.batch_size != env.num_envs:
            raise ValueError(f"RemoteVecEnv steps every copy: an asynchronous env needs batch_size == num_envs "
                             f"({env.num_envs}), got {env.batch_size}")
        self.env = env
        self._monitor = monitor
        self._actions: np.ndarray | None = None
        self._returns = np.zeros(env.num_envs, dtype=np.float64)
        self._lengths = np.zeros(env.num_envs, dtype=np.int64)
        self._started = time.time()
        super().__init__(env.num_envs, env.single_observation_space, env.single_action_space)

    def reset(self) -> VecEnvObs:
        seeds = None if all(seed is None for seed in self._seeds) else list(self._seeds)
        options = self._options[0] if self._options[0] else None
        if any(option != self._options[0] for option in self._options):
            raise ValueError("The copies of a RemoteVecEnv are reset with one options dict; got different ones per copy")
        observations, infos = self.env.reset(seed=seeds, options=options)
        self.reset_infos = [_copy_info(infos, index) for index in range(self.num_envs)]
        self._returns[:] = 0.0
        self._lengths[:] = 0
        self._reset_seeds()
        self._reset_options()
        return observations

    def step_async(self, actions: np.ndarray) -> None:
        # An asynchronous env starts stepping now, on the server's cores, while SB3 goes on until step_wait.
        if self.env.is_async:
            self.env.send(actions)
        self._actions = actions

    def step_wait(self) -> VecEnvStepReturn:
        if self._actions is None:
            raise RuntimeError("step_wait() without step_async(actions)")
        actions, self._actions = self._actions, None
        if self.env.is_async:
            observations, rewards, terminations, truncations, infos = in_copy_order(self.env.recv())
        else:
            observations, rewards, terminations, truncations, infos = self.env.step(actions)
        dones = terminations | truncations
        self._returns += rewards
        self._lengths += 1
        final_infos = infos.get("final_info", {})
        final_observations = infos.get("final_obs")
        step_infos: list[dict[str, Any]] = []
        for index in range(self.num_envs):
            if not dones[index]:
                info = _copy_info(infos, index)
            else:
                info = _copy_info(final_infos, index)
                info["terminal_observation"] = final_observations[index]
                self.reset_infos[index] = _copy_info(infos, index)
                if self._monitor:
                    info["episode"] = {"r": round(float(self._returns[index]), 6), "l": int(self._lengths[index]),
                                       "t": round(time.time() - self._started, 6)}
                self._returns[index] = 0.0
                self._lengths[index] = 0
            info["TimeLimit.truncated"] = bool(truncations[index] and not terminations[index])
            step_infos.append(info)
        return observations, rewards.astype(np.float32), dones, step_infos

    def close(self) -> None:
        self.env.close()

    def get_images(self) -> Sequence[np.ndarray | None]:
        if self.render_mode != "rgb_array":
            warnings.warn(f"The render mode is {self.render_mode}, but this method assumes it is `rgb_array` to obtain "
                          "images.", stacklevel=2)
            return [None] * self.num_envs
        return list(self.env.render() or ())

    def get_attr(self, attr_name: str, indices: VecEnvIndices = None) -> list[Any]:
        """The copies' ``render_mode``, ``spec``, ``metadata``, ``observation_space`` or ``action_space`` (the copies'
        own state lives on the server)."""
        values = {"render_mode": self.env.render_mode, "spec": self.env.spec, "metadata": self.env.metadata,
                  "observation_space": self.env.single_observation_space,
                  "action_space": self.env.single_action_space}
        if attr_name not in values:
            raise AttributeError(f"RemoteVecEnv copies expose {', '.join(self._ATTRIBUTES)}; {attr_name!r} lives on "
                                 "the server")
        return [values[attr_name] for _ in self._get_indices(indices)]

    def set_attr(self, attr_name: str, value: Any, indices: VecEnvIndices = None) -> None:
        raise AttributeError(f"Cannot set {attr_name!r} on RemoteVecEnv copies: their state lives on the server; pass "
                             "settings as environment kwargs to rlgym.sb3.make_vec_env")

    def env_method(self, method_name: str, *method_args: Any, indices: VecEnvIndices = None,
                   **method_kwargs: Any) -> list[Any]:
        """Only ``render`` runs per copy; the environments' other methods run on the server through reset and step."""
        if method_name != "render":
            raise AttributeError(f"RemoteVecEnv copies have no method {method_name!r} to call here; only 'render'")
        images = self.get_images()
        return [images[index] for index in self._get_indices(indices)]

    def env_is_wrapped(self, wrapper_class: type, indices: VecEnvIndices = None) -> list[bool]:
        """True for SB3's ``Monitor`` when episode statistics are on (they are the Monitor's), False otherwise."""
        wrapped = self._monitor and issubclass(Monitor, wrapper_class)
        return [wrapped for _ in self._get_indices(indices)]

    def _get_indices(self, indices: VecEnvIndices) -> Iterable[int]:
        return list(super()._get_indices(indices))


def _copy_info(info: dict[str, Any], index: int) -> dict[str, Any]:
    """Copy ``index``'s entries of a vector info dict (``_key`` masks honoured, nested dicts too), as the plain info
    dict the copy's own env would have returned."""
    copy: dict[str, Any] = {}
    for key, value in info.items():
        if key.startswith("_") or key in _FINAL_KEYS:
            continue
        mask = info.get(f"_{key}")
        if mask is not None and not mask[index]:
            continue
        copy[key] = _copy_info(value, index) if isinstance(value, dict) else value[index]
    return copy


__all__ = ["RemoteVecEnv", "make_vec_env"]
