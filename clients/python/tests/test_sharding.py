"""make_vec over several servers (scale-out): the copies spread over the replicas equal one server's."""

from __future__ import annotations

import numpy as np
import pytest

import rlgym
from conftest import _free_port


def _serve(start_server) -> tuple[str, object]:
    port = _free_port()
    server = start_server(["serve", "--host", "127.0.0.1", "--port", str(port)], health_target=f"127.0.0.1:{port}")
    return f"127.0.0.1:{port}", server


@pytest.fixture(scope="module")
def replicas(server_address, start_server) -> list[str]:
    """Three servers: the session's and two more."""
    return [server_address, _serve(start_server)[0], _serve(start_server)[0]]


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_sharded_steps_equal_one_server_copy_for_copy(replicas, transport):
    n = 10
    sharded = rlgym.make_vec("CartPole-v1", num_envs=n, address=replicas, autoreset_mode="same_step", transport=transport)
    single = rlgym.make_vec("CartPole-v1", num_envs=n, address=replicas[0], autoreset_mode="same_step", transport=transport)
    with sharded, single:
        assert sharded.shard_sizes == [4, 3, 3] and sharded.addresses == replicas
        assert sharded.observation_space.shape == (n, 4)
        np.testing.assert_array_equal(sharded.reset(seed=42)[0], single.reset(seed=42)[0])
        rng = np.random.default_rng(3)
        finals = 0
        for t in range(300):
            actions = rng.integers(0, 2, size=n)
            expected, actual = single.step(actions), sharded.step(actions)
            for name, want, got in zip(["obs", "reward", "terminated", "truncated"], expected[:4], actual[:4]):
                assert got.dtype == want.dtype, f"step {t} {name}"
                np.testing.assert_array_equal(got, want, err_msg=f"step {t} {name}")
            assert set(actual[4]) == set(expected[4]), f"step {t}"
            if "final_obs" in expected[4]:
                np.testing.assert_array_equal(actual[4]["_final_obs"], expected[4]["_final_obs"])
                for index in np.flatnonzero(expected[4]["_final_obs"]):
                    np.testing.assert_array_equal(actual[4]["final_obs"][index], expected[4]["final_obs"][index])
                    finals += 1
    assert finals > n, "300 random steps must end many episodes, exercising the merged final_obs info"


def test_sharded_per_copy_seeds_and_reset_mask_equal_one_server(replicas):
    n = 7
    seeds = [1000 + 7 * i for i in range(n)]
    mask = np.array([False, True, False, False, True, True, False])
    with rlgym.make_vec("CartPole-v1", num_envs=n, address=replicas) as sharded, \
            rlgym.make_vec("CartPole-v1", num_envs=n, address=replicas[1]) as single:
        np.testing.assert_array_equal(sharded.reset(seed=seeds)[0], single.reset(seed=seeds)[0])
        sharded.step(np.zeros(n, dtype=np.int64))
        single.step(np.zeros(n, dtype=np.int64))

        np.testing.assert_array_equal(sharded.reset(options={"reset_mask": mask})[0],
                                      single.reset(options={"reset_mask": mask})[0])


def test_fewer_copies_than_servers_use_the_first_servers(replicas):
    with rlgym.make_vec("CartPole-v1", num_envs=2, address=replicas) as env:
        assert env.addresses == replicas[:2] and env.shard_sizes == [1, 1]


def test_a_lost_shard_is_a_connection_error_naming_it(server_address, start_server):
    address, server = _serve(start_server)
    env = rlgym.make_vec("CartPole-v1", num_envs=5, address=[server_address, address])
    env.reset(seed=0)
    server.stop()

    with pytest.raises(ConnectionError) as caught:
        env.step(np.zeros(5, dtype=np.int64))
    env.close()

    assert isinstance(caught.value, rlgym.ServerConnectionError)
    assert f"shard 1 at {address} (copies 3..4)" in str(caught.value)


def test_an_empty_address_list_is_rejected():
    with pytest.raises(ValueError, match="non-empty list"):
        rlgym.make_vec("CartPole-v1", num_envs=2, address=[])
