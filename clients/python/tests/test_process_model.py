"""Environments across processes: pickling, deep copies, forked children, and handles that do not outlive their
client process (the server's lease, see docs/protocol.md "Handle lifetime")."""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import queue
import subprocess
import sys
import textwrap
import time

import grpc
import numpy as np
import pytest

import rlgym
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym._proto.rlgym.v1 import environments_pb2_grpc as env_grpc

from conftest import _free_port
from support import CLIENT_DIR

LEASE_S = 1.0


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Runs ``code`` in a fresh interpreter with this one's import path."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(CLIENT_DIR / "src"), *sys.path]), **env}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=90,
                          env=environment)


def _render_status(address: str, handle: str) -> grpc.StatusCode:
    """The status of a raw unary Render of ``handle`` from a new connection: OK, or why not. (A request takes the handle
    over, so this is asked once the lease is surely over, not polled.)"""
    with grpc.insecure_channel(address) as channel:
        try:
            env_grpc.EnvironmentsStub(channel).Render(env_pb.RenderRequest(handle=handle), timeout=10)
            return grpc.StatusCode.OK
        except grpc.RpcError as error:
            return error.code()


# --- pickle and deepcopy ---------------------------------------------------------------------------------------------

def test_a_pickled_env_reconnects_as_a_fresh_env_with_the_same_id_kwargs_and_server(server_address):
    with rlgym.make("FrozenLake-v1", address=server_address, is_slippery=False, max_episode_steps=9) as env:
        env.reset(seed=1)
        env.step(2)

        copy_ = pickle.loads(pickle.dumps(env))

        try:
            assert isinstance(copy_, rlgym.RemoteEnv) and copy_.handle != env.handle
            assert copy_.spec.kwargs == env.spec.kwargs and copy_.spec.max_episode_steps == 9
            with pytest.raises(rlgym.ResetNeeded):  # a fresh env: its episode has not begun
                copy_.step(2)
            assert copy_.reset(seed=1) == env.reset(seed=1)
        finally:
            copy_.close()


def test_a_pickled_vector_env_reconnects_with_its_copies_and_mode(server_address):
    mode = rlgym.AutoresetMode.SAME_STEP
    with rlgym.make_vec("CartPole-v1", num_envs=3, address=server_address, autoreset_mode=mode) as env:
        copy_ = pickle.loads(pickle.dumps(env))
        try:
            assert copy_.num_envs == 3 and copy_.metadata["autoreset_mode"] is mode
            np.testing.assert_array_equal(copy_.reset(seed=4)[0], env.reset(seed=4)[0])
        finally:
            copy_.close()


def test_deepcopy_refuses_with_what_to_do_instead(server_address):
    with rlgym.make("CartPole-v1", address=server_address) as env:
        with pytest.raises(TypeError, match="cannot be deep-copied.*pickle"):
            copy.deepcopy(env)
    with rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address) as env:
        with pytest.raises(TypeError, match="cannot be deep-copied"):
            copy.deepcopy(env)


# --- fork ------------------------------------------------------------------------------------------------------------

def _make_cartpole(address: str):
    return lambda: rlgym.make("CartPole-v1", address=address)


def test_gymnasium_async_vector_env_with_forkserver_equals_the_batched_env(server_address):
    # forkserver, not fork: with the parent's Session stream open, grpcio 1.51's fork support hung or killed one of
    # AsyncVectorEnv's three forked children in about 1 run of 8 here (the README says so); plain forked children are
    # the tests below.
    gymnasium = pytest.importorskip("gymnasium", reason="AsyncVectorEnv is Gymnasium's")
    with rlgym.make("CartPole-v1", address=server_address) as parent_env:
        parent_env.reset(seed=0)  # the parent has used gRPC before it starts them, as AsyncVectorEnv's probe env does
        env = gymnasium.vector.AsyncVectorEnv([_make_cartpole(server_address)] * 3, context="forkserver")
        try:
            with rlgym.make_vec("CartPole-v1", num_envs=3, address=server_address) as batched:
                np.testing.assert_array_equal(env.reset(seed=7)[0], batched.reset(seed=7)[0])
                for actions in ([0, 1, 0], [1, 1, 0], [0, 0, 1]):
                    ours, theirs = env.step(np.array(actions)), batched.step(np.array(actions))
                    for mine, other in zip(ours[:4], theirs[:4]):
                        np.testing.assert_array_equal(mine, other)
        finally:
            env.close()
        parent_env.step(0)  # the children never touched the parent's handle


def _child_uses(address: str, results) -> None:
    try:
        with rlgym.make("CartPole-v1", address=address) as env:
            results.put(("ok", env.reset(seed=3)[0].tolist()))
    except Exception as error:  # noqa: BLE001 - reported to the parent
        results.put(("error", f"{type(error).__name__}: {error}"))


def test_a_child_forked_while_the_deadline_watchdog_holds_its_lock_still_streams(server_address):
    from rlgym import transport

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # A fork landing while the watchdog thread holds its lock copies it locked into the child, whose first
    # Session-stream call arms the watchdog.
    with transport._WATCHDOG._condition:
        child = context.Process(target=_child_uses, args=(server_address, results))
        child.start()
    try:
        outcome = results.get(timeout=30)
    except queue.Empty:
        outcome = ("hung", "the child made no env within 30 s")
    finally:
        child.join(5)
        if child.is_alive():
            child.kill()

    assert outcome[0] == "ok", outcome


def test_a_forked_child_makes_envs_of_its_own_and_leaves_the_parents_alone(server_address):
    context = multiprocessing.get_context("fork")
    with rlgym.make("CartPole-v1", address=server_address) as parent_env:
        parent_env.reset(seed=3)
        results = context.Queue()
        child = context.Process(target=_child_uses, args=(server_address, results))
        child.start()
        outcome = results.get(timeout=60)
        child.join(30)

        assert outcome[0] == "ok", outcome
        assert outcome[1] == parent_env.reset(seed=3)[0].tolist()
        parent_env.step(1)


def test_an_inherited_env_refuses_in_the_forked_child_and_the_child_does_not_close_it(server_address):
    result = _python(f"""
        import os, sys
        import rlgym
        env = rlgym.make("CartPole-v1", address={server_address!r})
        env.reset(seed=0)
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            try:
                env.step(0)
                message = "stepped"
            except rlgym.RlGymError as error:
                message = str(error)
            os.write(writer, message.encode())
            env.close()  # must not close the parent's handle
            sys.exit(0)  # runs the child's exit handlers, which must not either
        os.close(writer)
        message = os.read(reader, 4096).decode()
        os.waitpid(pid, 0)
        env.step(0)
        print(message)
    """)
    assert result.returncode == 0, result.stderr
    assert "was created in process" in result.stdout and "cannot be used in process" in result.stdout


def test_without_grpc_fork_support_a_forked_child_fails_at_once_naming_spawn(server_address):
    result = _python(f"""
        import os
        import grpc  # imported before rlgym, with fork support off: rlgym cannot turn it on any more
        import rlgym
        env = rlgym.make("CartPole-v1", address={server_address!r})
        env.reset(seed=0)
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                rlgym.make("CartPole-v1", address={server_address!r})
                message = "made"
            except rlgym.RlGymError as error:
                message = str(error)
            os.write(writer, message.encode())
            os._exit(0)
        os.close(writer)
        print(os.read(reader, 4096).decode())
        os.waitpid(pid, 0)
    """, GRPC_ENABLE_FORK_SUPPORT="false")
    assert result.returncode == 0, result.stderr
    assert "fork support is off" in result.stdout and "'spawn'" in result.stdout


# --- handles do not outlive their client -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def leased_server(start_server) -> str:
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port), "--handle-lease", str(LEASE_S)],
                 f"127.0.0.1:{port}")
    return f"127.0.0.1:{port}"


@pytest.mark.parametrize("ending", ["exit", "kill"])
def test_a_dead_client_processes_handle_is_freed_within_seconds(leased_server, ending):
    # The client prints its handle and then exits without closing it, or is killed mid-episode.
    code = f"""
        import os, signal, sys, time
        import rlgym
        env = rlgym.make("CartPole-v1", address={leased_server!r})
        env.reset(seed=0)
        print(env.handle, flush=True)
        {"os._exit(0)" if ending == "exit" else "time.sleep(60)"}
    """
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(CLIENT_DIR / "src"), *sys.path])}
    client = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True,
                              env=environment)
    handle = client.stdout.readline().strip()
    assert handle, "the client printed no handle"
    if ending == "kill":
        client.kill()
    client.wait(30)

    time.sleep(LEASE_S + 2.5)  # the lease, plus the server's sweep (about a second)

    assert _render_status(leased_server, handle) is grpc.StatusCode.NOT_FOUND


def test_a_living_clients_idle_handle_outlives_the_lease(leased_server):
    with rlgym.make("CartPole-v1", address=leased_server) as env:
        env.reset(seed=5)
        time.sleep(LEASE_S + 2.5)  # idle past the lease, its connection open
        env.step(0)
