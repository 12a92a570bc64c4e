"""Every error path: each gRPC status arrives as the matching Python exception with the server's message."""

from __future__ import annotations

import numpy as np
import pytest

import rlgym
from conftest import _free_port

TRANSPORTS = ["stream", "unary", "shm"]


def test_unknown_id_is_a_lookup_error_naming_the_available_ids(server_address):
    with pytest.raises(LookupError) as caught:
        rlgym.make("NoSuchEnv-v0", address=server_address)

    assert isinstance(caught.value, rlgym.EnvNotFoundError)
    assert caught.value.code == "NOT_FOUND"
    assert "NoSuchEnv-v0" in str(caught.value) and "CartPole-v1" in str(caught.value)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_step_before_reset_is_reset_needed(server_address, transport):
    with rlgym.make("CartPole-v1", address=server_address, transport=transport) as env:
        with pytest.raises(RuntimeError) as caught:
            env.step(0)

    assert isinstance(caught.value, rlgym.ResetNeeded)
    assert caught.value.code == "FAILED_PRECONDITION"
    assert "reset" in str(caught.value).lower()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_action_outside_the_space_is_a_value_error_and_the_env_goes_on(server_address, transport):
    with rlgym.make("CartPole-v1", address=server_address, transport=transport) as env:
        env.reset(seed=0)
        with pytest.raises(ValueError) as caught:
            env.step(5)
        obs, reward, *_ = env.step(1)  # the stream was reopened; sequence numbers still line up

    assert isinstance(caught.value, rlgym.InvalidArgumentError)
    assert caught.value.code == "INVALID_ARGUMENT"
    assert "5" in str(caught.value)
    assert obs.shape == (4,) and reward == 1.0


def test_action_of_the_wrong_type_is_rejected_before_sending(server_address):
    with rlgym.make("CartPole-v1", address=server_address) as env:
        env.reset(seed=0)
        with pytest.raises(ValueError, match="Discrete action must be an int"):
            env.step(0.5)


def test_unknown_kwarg_is_a_value_error_naming_the_accepted_ones(server_address):
    with pytest.raises(ValueError) as caught:
        rlgym.make("CartPole-v1", address=server_address, no_such_kwarg=1)

    assert caught.value.code == "INVALID_ARGUMENT"
    assert "no_such_kwarg" in str(caught.value)


def test_unsupported_render_mode_is_a_value_error(server_address):
    with pytest.raises(ValueError) as caught:
        rlgym.make("CartPole-v1", address=server_address, render_mode="human_in_3d")

    assert "human_in_3d" in str(caught.value)


def test_negative_seed_is_a_value_error(server_address):
    with rlgym.make("CartPole-v1", address=server_address) as env:
        with pytest.raises(ValueError, match="non-negative"):
            env.reset(seed=-1)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_sequence_gap_is_a_precondition_error_naming_the_expected_number(server_address, transport):
    with rlgym.make("CartPole-v1", address=server_address, transport=transport) as env:
        env.reset(seed=0)
        env._remote.sequence += 5  # skip numbers, as a buggy client would
        with pytest.raises(RuntimeError) as caught:
            env.step(0)

    assert isinstance(caught.value, rlgym.SequenceError)
    assert "2" in str(caught.value)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_repeated_sequence_number_returns_the_stored_result(server_address, transport):
    with rlgym.make("CartPole-v1", address=server_address, transport=transport) as env:
        env.reset(seed=0)
        first = env.step(1)
        env._remote.sequence -= 1  # resend the last number, as a retry after a dropped connection does
        again = env.step(1)
        after = env.step(1)

    np.testing.assert_array_equal(first[0], again[0])
    assert not np.array_equal(after[0], first[0])


def test_no_server_is_a_connection_error_naming_the_address():
    address = f"127.0.0.1:{_free_port()}"

    with pytest.raises(ConnectionError) as caught:
        rlgym.make("CartPole-v1", address=address)

    assert isinstance(caught.value, rlgym.ServerConnectionError)
    assert address in str(caught.value)


def test_make_vec_gpu_backend_on_a_cpu_server_is_a_precondition_error(server_address):
    with pytest.raises(rlgym.errors.PreconditionError) as caught:
        rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address, backend="gpu")

    assert caught.value.code == "FAILED_PRECONDITION"
    assert "no CUDA device; found:" in str(caught.value)
