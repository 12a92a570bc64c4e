"""``make_vec(..., pipeline=K)``: the copies split over K handles whose requests travel pipelined on one Session
stream; results equal one handle's, faults and rejections leave every part consistent."""

from __future__ import annotations

import numpy as np
import pytest

import rlgym
from conftest import _free_port
from test_connections import FlakyProxy


def _run(env, steps, seed):
    """Observations, rewards, flags and final observations of a seeded random run (resets included)."""
    generator = np.random.default_rng(seed)
    observations = [env.reset(seed=seed)[0]]
    rewards, flags, finals = [], [], []
    for _ in range(steps):
        obs, reward, terminated, truncated, info = env.step(generator.integers(0, 2, size=env.num_envs))
        observations.append(obs)
        rewards.append(reward)
        flags.append(np.stack([terminated, truncated]))
        if "final_obs" in info:
            finals.append(np.stack([o for o in info["final_obs"] if o is not None]))
    return np.stack(observations), np.stack(rewards), np.stack(flags), finals


@pytest.mark.parametrize("pipeline", [2, 3])
def test_a_pipelined_env_equals_one_handle(server_address, pipeline):
    kwargs = dict(num_envs=7, address=server_address, autoreset_mode="same_step", max_episode_steps=40)
    with rlgym.make_vec("CartPole-v1", **kwargs) as one, rlgym.make_vec("CartPole-v1", pipeline=pipeline, **kwargs) as env:
        assert env.transport == "stream" and len(env.shard_sizes) == pipeline and sum(env.shard_sizes) == 7
        expected, observed = _run(one, 150, seed=5), _run(env, 150, seed=5)
        for mine, theirs in zip(observed[:3], expected[:3]):
            np.testing.assert_array_equal(mine, theirs)
        assert len(observed[3]) == len(expected[3]) > 0
        for mine, theirs in zip(observed[3], expected[3]):
            np.testing.assert_array_equal(mine, theirs)
        seeds = list(range(100, 107))
        np.testing.assert_array_equal(env.reset(seed=seeds)[0], one.reset(seed=seeds)[0])


def test_a_rejected_step_steps_no_part(server_address):
    with rlgym.make_vec("CartPole-v1", num_envs=6, pipeline=3, address=server_address) as env, \
            rlgym.make_vec("CartPole-v1", num_envs=6, address=server_address) as one:
        env.reset(seed=1)
        one.reset(seed=1)
        with pytest.raises(rlgym.InvalidArgumentError, match=r"Action 2 of copy 4 is not in the action space Discrete\(2\)"):
            env.step(np.array([0, 1, 0, 1, 2, 0]))
        actions = np.array([1, 0, 1, 0, 1, 0])
        np.testing.assert_array_equal(env.step(actions)[0], one.step(actions)[0])


def test_wrong_combinations_are_refused(server_address):
    with pytest.raises(rlgym.InvalidArgumentError, match=r"pipeline must be an int in \[1, num_envs=2\]"):
        rlgym.make_vec("CartPole-v1", num_envs=2, pipeline=3, address=server_address)
    for extra in ({"transport": "unary"}, {"batch_size": 2}, {"address": [server_address, server_address]}):
        arguments = {"address": server_address, **extra}
        with pytest.raises(ValueError, match="pipeline > 1 splits the copies"):
            rlgym.make_vec("CartPole-v1", num_envs=4, pipeline=2, **arguments)


@pytest.mark.slow_common
@pytest.mark.timeout(600)
def test_dropped_connections_give_exactly_the_fault_free_run(start_server):
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port)], health_target=f"127.0.0.1:{port}")
    steps = 1000
    with rlgym.make_vec("CartPole-v1", num_envs=6, address=f"127.0.0.1:{port}") as env:
        expected = _run(env, steps, seed=3)
    proxy = FlakyProxy(port, drop_probability=0.05, seed=11)
    try:
        with rlgym.make_vec("CartPole-v1", num_envs=6, pipeline=3, address=f"127.0.0.1:{proxy.port}") as env:
            observed = _run(env, steps, seed=3)
            assert [shard.sequence for shard in env._shards] == [steps + 1] * 3  # one number per reset and step
    finally:
        proxy.close()

    assert proxy.drops >= steps * 0.05
    for mine, theirs in zip(observed[:3], expected[:3]):
        np.testing.assert_array_equal(mine, theirs)
