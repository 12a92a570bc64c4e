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


@pytest.mark.parametrize("transport", ["stream", "shm", "shm-views"])
@pytest.mark.parametrize("run", _vector_runs(), ids=lambda run: run["name"])
def test_vector_trajectories_equal_gymnasium_fixture(run, transport, server_address):
    make_vec = run["make_vec"]
    # Gymnasium's own CartPoleVectorEnv is the server's "gymnasium" vectorization; its default ("auto") is the
    # structure-of-arrays variant, which equals SyncVectorEnv copy for copy.
    vectorization = "gymnasium" if make_vec["vectorization_mode"] == "vector_entry_point" else "sync"
    vector_kwargs = {"vectorization": vectorization}
    autoreset = make_vec.get("vector_kwargs", {}).get("autoreset_mode", "NextStep")
    autoreset = {"NextStep": "next_step", "SameStep": "same_step", "Disabled": "disabled"}[autoreset]
    env = _make_vec(server_address, num_envs=run["num_envs"], autoreset_mode=autoreset,
                    max_episode_steps=make_vec.get("max_episode_steps"), vector_kwargs=vector_kwargs,
                    transport=transport.removesuffix("-views"), copy=not transport.endswith("-views"))
    assert env.transport == transport.removesuffix("-views")
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


# --- vectorization and backend ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("asked, expected", [(None, "soa"), ("auto", "soa"), ("sync", "sync"), ("parallel", "parallel"),
                                              ("soa", "soa"), ("gymnasium", "gymnasium"), ("fast", "fast")])
def test_make_vec_vectorization_reaches_the_server_and_is_the_one_in_effect(server_address, asked, expected):
    with _make_vec(server_address, num_envs=2, vectorization=asked, backend="cpu") as env:
        assert env.vectorization == expected and env.backend == "cpu"
        assert env.spec.kwargs.get("vectorization") == asked


def test_make_vec_gymnasium_vectorization_behaves_as_gymnasiums_vector_env(server_address):
    # Gymnasium's CartPoleVectorEnv returns float32 rewards; the copies of the single env (sync, soa) float64.
    rewards = {}
    for vectorization in ("gymnasium", "sync"):
        with _make_vec(server_address, num_envs=2, vectorization=vectorization) as env:
            env.reset(seed=0)
            rewards[vectorization] = env.step(np.array([0, 1]))[1]
    assert rewards["gymnasium"].dtype == np.float32 and rewards["sync"].dtype == np.float64


def test_make_vec_vector_kwargs_spelling_still_works(server_address):
    with _make_vec(server_address, num_envs=2, vector_kwargs={"vectorization": "sync"}) as env:
        assert env.vectorization == "sync"


def test_make_vec_both_spellings_disagreeing_is_an_invalid_argument_naming_both(server_address):
    with pytest.raises(rlgym.InvalidArgumentError, match="vectorization 'soa' and vector_kwargs.*'sync' disagree"):
        _make_vec(server_address, num_envs=2, vectorization="soa", vector_kwargs={"vectorization": "sync"})


def test_make_vec_unknown_vectorization_is_a_value_error_naming_the_names_before_anything_is_sent():
    # Nothing listens at this address: the name is checked first.
    with pytest.raises(ValueError, match=r"vectorization must be one of \['auto', 'sync', 'parallel', 'soa', "
                                         r"'gymnasium', 'fast'\] or None, got 'magic'"):
        rlgym.make_vec("CartPole-v1", num_envs=2, address="127.0.0.1:1", vectorization="magic")


def test_make_vec_vectorization_the_id_lacks_is_the_servers_error_listing_the_available_ones(server_address):
    with pytest.raises(rlgym.InvalidArgumentError, match="available: auto, sync, parallel"):
        rlgym.make_vec("FrozenLake-v1", num_envs=2, address=server_address, vectorization="soa")


def test_make_vec_unknown_backend_is_a_value_error():
    with pytest.raises(ValueError, match=r"backend must be one of \['auto', 'cpu', 'gpu'\], got 'tpu'"):
        rlgym.make_vec("CartPole-v1", num_envs=2, address="127.0.0.1:1", backend="tpu")


def test_make_vec_gpu_backend_with_a_cpu_vectorization_is_an_invalid_argument(server_address):
    with pytest.raises(rlgym.InvalidArgumentError, match="cannot be combined with BACKEND_GPU"):
        _make_vec(server_address, num_envs=2, vectorization="soa", backend="gpu")


def test_describe_envs_lists_each_ids_vectorizations(server_address):
    described = rlgym.describe_envs(server_address)

    assert described["CartPole-v1"]["vectorizations"] == ["sync", "parallel", "soa", "gymnasium", "fast"]
    assert described["FrozenLake-v1"]["vectorizations"] == ["sync", "parallel"]
    for env_id, description in described.items():
        for vectorization in description["vectorizations"]:
            with rlgym.make_vec(env_id, num_envs=1, address=server_address, vectorization=vectorization) as env:
                assert env.vectorization == vectorization
