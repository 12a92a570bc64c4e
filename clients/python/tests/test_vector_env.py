"""make_vec over the batched protocol: Gymnasium's VectorEnv contract and the recorded
CartPole-v1_vector.json trajectories."""

from __future__ import annotations

import json

import numpy as np
import pytest

import rlgym
from rlgym import spaces
from support import FIXTURES_DIR


def _make_vec(address, **kwargs):
    return rlgym.make_vec("CartPole-v1", address=address, **kwargs)


def test_vector_env_contract(server_address):
    with _make_vec(server_address, num_envs=3) as env:
        assert env.num_envs == 3
        assert env.single_action_space == spaces.Discrete(2)
        assert env.observation_space.shape == (3, 4)
        obs, infos = env.reset(seed=0)
        assert obs.dtype == np.float32 and obs.shape == (3, 4) and obs in env.observation_space
        obs, rewards, terminations, truncations, infos = env.step(np.array([0, 1, 0]))
        assert obs.shape == (3, 4)
        assert rewards.shape == (3,) and terminations.dtype == np.bool_ and truncations.dtype == np.bool_
        assert isinstance(infos, dict)
    env.close()


def _vector_runs():
    path = FIXTURES_DIR / "CartPole-v1_vector.json"
    return json.loads(path.read_text())["runs"] if path.exists() else []


@pytest.mark.parametrize("run", _vector_runs(), ids=lambda run: run["name"])
def test_vector_trajectories_equal_gymnasium_fixture(run, server_address):
    make_vec = run["make_vec"]
    # Gymnasium's own CartPoleVectorEnv is the server's "gymnasium" vectorization; its default ("auto") is the
    # structure-of-arrays variant, which equals SyncVectorEnv copy for copy.
    vectorization = "gymnasium" if make_vec["vectorization_mode"] == "vector_entry_point" else "sync"
    vector_kwargs = {"vectorization": vectorization}
    autoreset = make_vec.get("vector_kwargs", {}).get("autoreset_mode", "NextStep")
    autoreset = {"NextStep": "next_step", "SameStep": "same_step", "Disabled": "disabled"}[autoreset]
    env = _make_vec(server_address, num_envs=run["num_envs"], autoreset_mode=autoreset,
                    max_episode_steps=make_vec.get("max_episode_steps"), vector_kwargs=vector_kwargs)
    with env:
        obs, _ = env.reset(seed=run["seed"])
        np.testing.assert_array_equal(obs, np.array(run["reset"]["obs"], dtype=np.float32))
        steps = run["steps"]
        for t, action in enumerate(steps["action"]):
            obs, rewards, terminations, truncations, infos = env.step(np.array(action, dtype=np.int64))
            where = f"{run['name']} step {t}"
            np.testing.assert_array_equal(obs, np.array(steps["obs"][t], dtype=np.float32), err_msg=where)
            assert rewards.dtype == np.dtype(run["dtypes"]["reward"]), where
            np.testing.assert_array_equal(rewards, np.array(steps["reward"][t]), err_msg=where)
            np.testing.assert_array_equal(terminations, np.array(steps["terminated"][t], dtype=bool), err_msg=where)
            np.testing.assert_array_equal(truncations, np.array(steps["truncated"][t], dtype=bool), err_msg=where)
            expected_info = (steps["info"] or [None] * len(steps["action"]))[t] or {}
            assert set(infos) == set(expected_info), where


def test_make_vec_with_a_render_mode_renders_one_frame_per_copy(server_address):
    with rlgym.make_vec("CartPole-v1", num_envs=3, address=server_address, render_mode="rgb_array") as env:
        env.reset(seed=1)
        frames = env.render()
        with rlgym.make("CartPole-v1", address=server_address, render_mode="rgb_array") as single:
            single.reset(seed=2)
            expected = single.render()

    assert env.render_mode == "rgb_array"
    assert len(frames) == 3 and all(frame.shape == (400, 600, 3) and frame.dtype == np.uint8 for frame in frames)
    np.testing.assert_array_equal(frames[1], expected)  # copy 1 was seeded 2
