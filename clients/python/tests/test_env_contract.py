"""The Gymnasium Env contract, checked directly on environments served by a real server."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import rlgym
from rlgym import spaces
from rlgym._compat import Env


@pytest.fixture(params=["stream", "unary", "shm"])
def cartpole(request, server_address):
    env = rlgym.make("CartPole-v1", address=server_address, transport=request.param)
    yield env
    env.close()


def test_make_returns_a_gymnasium_env_with_cartpole_spaces(cartpole):
    assert isinstance(cartpole, Env)
    assert isinstance(cartpole.action_space, spaces.Discrete) and cartpole.action_space.n == 2
    assert isinstance(cartpole.observation_space, spaces.Box)
    assert cartpole.observation_space.shape == (4,) and cartpole.observation_space.dtype == np.float32
    high = np.array([4.8, np.inf, 0.41887903, np.inf], dtype=np.float32)
    np.testing.assert_array_equal(cartpole.observation_space.high, high)
    np.testing.assert_array_equal(cartpole.observation_space.low, -high)
    assert cartpole.unwrapped is cartpole


def test_spec_and_metadata_mirror_gymnasium(cartpole):
    assert cartpole.spec.id == "CartPole-v1"
    assert cartpole.spec.max_episode_steps == 500
    assert cartpole.spec.reward_threshold == 475.0
    assert isinstance(cartpole.spec.kwargs, dict)
    assert "rgb_array" in cartpole.metadata["render_modes"]
    assert cartpole.metadata["render_fps"] == 50
    assert cartpole.render_mode is None


def test_reset_and_step_signatures_and_types(cartpole):
    assert list(inspect.signature(cartpole.reset).parameters) == ["seed", "options"]
    obs, info = cartpole.reset(seed=0)
    assert isinstance(obs, np.ndarray) and obs.dtype == np.float32 and obs.flags.writeable
    assert obs in cartpole.observation_space
    assert info == {}

    result = cartpole.step(cartpole.action_space.sample())

    assert isinstance(result, tuple) and len(result) == 5
    obs, reward, terminated, truncated, info = result
    assert obs in cartpole.observation_space
    assert type(reward) is float and reward == 1.0
    assert type(terminated) is bool and type(truncated) is bool
    assert isinstance(info, dict)


def test_every_observation_of_random_episodes_is_in_the_space(cartpole):
    cartpole.action_space.seed(3)
    obs, _ = cartpole.reset(seed=3)
    assert cartpole.observation_space.contains(obs)
    for _ in range(300):
        obs, _, terminated, truncated, _ = cartpole.step(cartpole.action_space.sample())
        assert cartpole.observation_space.contains(obs)
        if terminated or truncated:
            obs, _ = cartpole.reset()
            assert cartpole.observation_space.contains(obs)


def test_same_seed_gives_the_same_trajectory(server_address):
    def trajectory(env):
        observations = [env.reset(seed=123)[0]]
        for t in range(50):
            obs, reward, terminated, truncated, _ = env.step(t % 2)
            observations.append(obs)
            if terminated or truncated:
                break
        return np.stack(observations)

    with rlgym.make("CartPole-v1", address=server_address) as first, \
            rlgym.make("CartPole-v1", address=server_address, transport="unary") as second:
        a, b, again = trajectory(first), trajectory(second), trajectory(first)

    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, again)


def test_unseeded_reset_continues_the_generator(cartpole):
    first, _ = cartpole.reset(seed=7)
    second, _ = cartpole.reset()

    assert not np.array_equal(first, second)


@pytest.mark.parametrize("action", [1, np.int64(1), np.int32(0), np.array(1)])
def test_step_accepts_python_and_numpy_integer_actions(cartpole, action):
    cartpole.reset(seed=0)

    obs, reward, *_ = cartpole.step(action)

    assert obs.shape == (4,) and reward == 1.0


def test_returned_observations_are_independent_copies(cartpole):
    obs, _ = cartpole.reset(seed=0)
    obs[:] = 99.0

    again, _ = cartpole.reset(seed=0)

    assert not np.any(again == 99.0)


def test_render_rgb_array_returns_an_hxwx3_uint8_frame(server_address):
    with rlgym.make("CartPole-v1", address=server_address, render_mode="rgb_array") as env:
        env.reset(seed=0)
        frame = env.render()

    assert env.render_mode == "rgb_array"
    assert isinstance(frame, np.ndarray) and frame.dtype == np.uint8
    assert frame.shape == (400, 600, 3)
    assert frame.flags.writeable
    assert frame.min() < frame.max()  # not a blank frame


def test_render_without_render_mode_warns_and_returns_none(cartpole):
    cartpole.reset(seed=0)

    with pytest.warns(UserWarning, match="without specifying any render mode"):
        assert cartpole.render() is None


def test_ansi_render_returns_text_for_toy_text(server_address, served_ids):
    if "FrozenLake-v1" not in served_ids:
        pytest.skip("the server does not serve FrozenLake-v1")
    with rlgym.make("FrozenLake-v1", address=server_address, render_mode="ansi") as env:
        env.reset(seed=0)
        text = env.render()

    assert isinstance(text, str) and "S" in text and "G" in text


def test_close_is_idempotent_and_context_manager_closes(server_address):
    env = rlgym.make("CartPole-v1", address=server_address)
    env.close()
    env.close()

    with rlgym.make("CartPole-v1", address=server_address) as managed:
        managed.reset(seed=0)
    managed.close()

    with pytest.raises(rlgym.RlGymError, match="closed"):
        managed.reset(seed=0)


def test_kwargs_reach_the_environment(server_address, served_ids):
    if "FrozenLake-v1" not in served_ids:
        pytest.skip("the server does not serve FrozenLake-v1")
    with rlgym.make("FrozenLake-v1", address=server_address, is_slippery=False, map_name="8x8") as env:
        assert env.observation_space.n == 64
        assert env.spec.kwargs["is_slippery"] is False
        obs, info = env.reset(seed=0)
        assert obs == 0 and info == {"prob": 1}
        obs, reward, *_ = env.step(2)  # RIGHT, deterministic without slipping
        assert obs == 1 and type(reward) is int


def test_max_episode_steps_overrides_the_time_limit(server_address):
    with rlgym.make("CartPole-v1", address=server_address, max_episode_steps=3) as env:
        assert env.spec.max_episode_steps == 3
        env.reset(seed=0)
        flags = [env.step(t % 2)[3] for t in range(3)]

    assert flags == [False, False, True]


def test_list_envs_and_describe_envs(server_address, served_ids):
    assert "CartPole-v1" in served_ids
    assert served_ids == sorted(served_ids)

    described = rlgym.describe_envs(server_address)

    assert list(described) == served_ids
    assert described["CartPole-v1"]["spec"].max_episode_steps == 500
    assert described["CartPole-v1"]["action_space"] == spaces.Discrete(2)


def test_server_status_counts_the_steps_of_every_copy(server_address):
    before = rlgym.server_status(server_address)
    env = rlgym.make_vec("CartPole-v1", num_envs=3, address=server_address)
    try:
        env.reset(seed=1)
        env.step(np.array([0, 1, 0]))
        env.step(np.array([1, 0, 1]))
        during = rlgym.server_status(server_address)
    finally:
        env.close()
    after = rlgym.server_status(server_address)

    assert during["env_steps_total"] - before["env_steps_total"] == 6
    assert (during["handles_open"] - before["handles_open"], after["handles_open"] - during["handles_open"]) == (1, -1)
    assert during["connections"] >= 1 and during["uptime_seconds"] > before["uptime_seconds"]
    assert during["version"].count(".") == 2


def test_register_envs_without_gymnasium_warns(server_address):
    if rlgym.HAVE_GYMNASIUM:
        ids = rlgym.register_envs(server_address)
        assert "rlgym/CartPole-v1" in ids
    else:
        with pytest.warns(UserWarning, match="gymnasium is not importable"):
            assert rlgym.register_envs(server_address) == []


def test_every_served_env_honours_the_contract(server_address, served_ids):
    """For each served id: spaces, types, containment of every observation, rendering."""
    descriptions = rlgym.describe_envs(server_address)
    for env_id in served_ids:
        described = descriptions[env_id]
        render_mode = "rgb_array" if "rgb_array" in described["metadata"]["render_modes"] else None
        with rlgym.make(env_id, address=server_address, render_mode=render_mode) as env:
            assert env.spec.id == env_id
            assert env.observation_space == described["observation_space"], env_id
            assert env.action_space == described["action_space"], env_id
            env.action_space.seed(0)
            obs, info = env.reset(seed=0)
            assert obs in env.observation_space, f"{env_id}: reset obs {obs!r}"
            assert isinstance(info, dict)
            for _ in range(30):
                obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
                assert obs in env.observation_space, f"{env_id}: obs {obs!r}"
                assert type(reward) in (int, float), f"{env_id}: reward {reward!r}"
                assert type(terminated) is bool and type(truncated) is bool
                assert isinstance(info, dict)
                if terminated or truncated:
                    obs, info = env.reset()
            if render_mode == "rgb_array":
                frame = env.render()
                assert isinstance(frame, np.ndarray) and frame.dtype == np.uint8, env_id
                assert frame.ndim == 3 and frame.shape[2] == 3 and frame.shape[0] > 0 and frame.shape[1] > 0, env_id
