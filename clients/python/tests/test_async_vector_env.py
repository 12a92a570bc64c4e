"""Asynchronous vector envs (``make_vec(..., batch_size=B)``, EnvPool's send/recv) against a real server."""

from __future__ import annotations

import numpy as np
import pytest

import rlgym

from test_shared_memory import _unix_server


@pytest.fixture(scope="module")
def unix_address(start_server):
    """A server on a Unix socket as well as TCP, so that the same tests run over shared memory."""
    return _unix_server(start_server)[1]


@pytest.fixture(params=["stream", "shm", "shm-views"])
def transport(request, server_address, unix_address):
    """(address, make_vec arguments) of each data path: the Session stream over TCP, shared memory copying its
    results out, and shared memory answering views of the segment (copy=False)."""
    if request.param == "stream":
        return server_address, {"transport": "stream"}
    return unix_address, {"transport": "shm", "copy": request.param == "shm"}


def _references(address, num_envs, seed, **kwargs):
    """One synchronous single-copy handle per copy, reset as copy i of the pool is (seed + i)."""
    references = [rlgym.make_vec("CartPole-v1", num_envs=1, address=address, vectorization="sync", **kwargs)
                  for _ in range(num_envs)]
    observations = [reference.reset(seed=seed + i)[0][0] for i, reference in enumerate(references)]
    return references, observations


def test_envpool_loop_each_copy_follows_its_synchronous_trajectory(server_address, transport):
    num_envs, batch_size = 6, 2
    references, first = _references(server_address, num_envs, seed=3)
    generators = [np.random.default_rng(i) for i in range(num_envs)]
    address, options = transport
    with rlgym.make_vec("CartPole-v1", num_envs=num_envs, batch_size=batch_size, address=address, **options) as env:
        assert env.is_async and env.batch_size == batch_size and env.vectorization == "parallel"
        assert env.transport == options["transport"]
        env.async_reset(seed=3)
        seen_resets = set()
        expected_by_copy = {}
        ended = 0
        for _ in range(200):
            observations, rewards, terminations, truncations, info = env.recv()
            env_ids = info["env_id"]
            assert observations.shape == (batch_size, 4) and env_ids.shape == (batch_size,)
            actions = np.empty(batch_size, dtype=np.int64)
            for row, i in enumerate(env_ids):
                if i not in seen_resets:  # the first receives answer async_reset's observations
                    seen_resets.add(i)
                    np.testing.assert_array_equal(observations[row], first[i])
                    assert rewards[row] == 0 and not terminations[row] and not truncations[row]
                else:
                    expected = expected_by_copy[i]
                    np.testing.assert_array_equal(observations[row], expected[0][0])
                    assert rewards[row] == expected[1][0] and terminations[row] == expected[2][0]
                    ended += int(terminations[row])
                actions[row] = generators[i].integers(2)
                expected_by_copy[i] = references[i].step(actions[row:row + 1])
            env.send(actions, env_ids)
        assert seen_resets == set(range(num_envs))
        assert ended > 0, "200 receives should end some episodes, exercising autoreset"
    for reference in references:
        reference.close()


@pytest.mark.parametrize("autoreset_mode", ["next_step", "same_step"])
def test_batch_size_num_envs_steps_in_copy_order_as_a_synchronous_env(server_address, transport, autoreset_mode):
    address, options = transport
    with rlgym.make_vec("CartPole-v1", num_envs=5, batch_size=5, address=address, autoreset_mode=autoreset_mode,
                        **options) as pool, \
            rlgym.make_vec("CartPole-v1", num_envs=5, address=server_address, autoreset_mode=autoreset_mode,
                           vectorization="sync") as reference:
        np.testing.assert_array_equal(pool.reset(seed=9)[0], reference.reset(seed=9)[0])
        generator = np.random.default_rng(0)
        finals = 0
        for step in range(150):
            actions = generator.integers(0, 2, size=5)
            ours, theirs = pool.step(actions), reference.step(actions)
            for k in range(4):
                np.testing.assert_array_equal(ours[k], theirs[k], err_msg=f"step {step} field {k}")
            assert set(ours[4]) == set(theirs[4]), f"step {step}"
            if "final_obs" in theirs[4]:
                finals += 1
                for i in np.flatnonzero(theirs[4]["_final_obs"]):
                    np.testing.assert_array_equal(ours[4]["final_obs"][i], theirs[4]["final_obs"][i])
        assert autoreset_mode == "next_step" or finals > 0


def test_out_of_order_requests_raise_the_servers_errors_and_the_env_goes_on(transport):
    address, options = transport
    with rlgym.make_vec("CartPole-v1", num_envs=4, batch_size=3, address=address, **options) as env:
        env.reset(seed=0)
        env.send(np.array([1, 1]), [0, 1])
        with pytest.raises(rlgym.PreconditionError, match="batch_size = 3 copies sent and not received; 2 are"):
            env.recv()
        with pytest.raises(rlgym.PreconditionError, match="Copy 1 was sent and not received yet"):
            env.send(np.array([0]), [1])
        with pytest.raises(rlgym.InvalidArgumentError, match=r"env_id 7 is out of range: expected \[0, 3\]"):
            env.send(np.array([0]), [7])
        with pytest.raises(rlgym.InvalidArgumentError, match="env_id 2 appears twice"):
            env.send(np.array([0, 1]), [2, 2])
        with pytest.raises(rlgym.InvalidArgumentError, match="action"):
            env.send(np.array([0, 1, 1]), [2, 3])
        env.send(np.array([0]), [3])
        _, _, _, _, info = env.recv()
        assert sorted(info["env_id"]) == [0, 1, 3]


def test_wrong_uses_are_refused_before_reaching_the_server(server_address):
    with pytest.raises(rlgym.InvalidArgumentError, match=r"batch_size must be an int in \[1, num_envs=2\]"):
        rlgym.make_vec("CartPole-v1", num_envs=2, batch_size=3, address=server_address)
    with pytest.raises(ValueError, match="needs one server"):
        rlgym.make_vec("CartPole-v1", num_envs=2, batch_size=1, address=[server_address, server_address])
    with rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address) as env:
        env.reset(seed=0)
        with pytest.raises(ValueError, match="needs an asynchronous vector env"):
            env.send(np.array([0, 1]))
        with pytest.raises(ValueError, match="env_id is for asynchronous vector envs"):
            env.step(np.array([0, 1]), env_id=[0, 1])


def test_a_unix_address_uses_shared_memory_and_copy_false_answers_views_of_the_segment(unix_address):
    with rlgym.make_vec("CartPole-v1", num_envs=3, batch_size=2, address=unix_address, copy=False) as env:
        assert env.transport == "shm"
        env.reset(seed=0)
        env.send(np.array([0, 1, 0]))
        first = env.recv()
        assert not first[0].flags.owndata and first[0].shape == (2, 4)
        kept = first[0].copy()
        env.send(np.array([1, 1]), first[4]["env_id"])
        second = env.recv()
        assert np.shares_memory(first[0], second[0]), "views of the same rows of the segment"
        assert not np.array_equal(kept, second[0])
