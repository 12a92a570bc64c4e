"""The same-host shared-memory transport: the same results, errors and sequence numbers as gRPC, zero-copy views,
and nothing left behind when either process dies mid-step."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import rlgym
from conftest import _free_port
from support import REPO_ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="shared memory needs Linux")


def _unix_server(start_server, env=None):
    socket_path = Path(tempfile.mkdtemp(prefix="rlgym-shm-")) / "rlgym.sock"  # short: sun_path holds ~108 bytes
    port = _free_port()
    server = start_server(["serve", "--host", "127.0.0.1", "--port", str(port), "--uds", str(socket_path)],
                          health_target=f"127.0.0.1:{port}", env=env)
    return server, f"unix://{socket_path}", f"127.0.0.1:{port}"


def _server_leftovers(pid: int) -> tuple[list[str], list[str]]:
    """The server's doorbell threads and shared-memory descriptors still open."""
    threads = [path.read_text().strip() for path in Path(f"/proc/{pid}/task").glob("*/comm")]
    segments = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if "rlgym-shm" in target:
            segments.append(target)
    return [name for name in threads if name.startswith("rlgym-shm")], segments


def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _dev_shm() -> set[str]:
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


def test_unix_addresses_use_shared_memory_by_default_and_composite_spaces_fall_back(start_server):
    _, address, tcp = _unix_server(start_server)
    with rlgym.make("CartPole-v1", address=address) as unix_env, rlgym.make("CartPole-v1", address=tcp) as tcp_env, \
            rlgym.make("Blackjack-v1", address=address) as blackjack:
        assert unix_env.transport == "shm" and tcp_env.transport == "stream" and blackjack.transport == "stream"
        assert blackjack.reset(seed=1)[0] is not None
    with pytest.raises(NotImplementedError) as caught:
        rlgym.make("Blackjack-v1", address=tcp, transport="shm")
    assert isinstance(caught.value, rlgym.UnimplementedError) and "Tuple" in str(caught.value)
    _wait_for(lambda: rlgym.server_status(tcp)["handles_open"] == 0)  # the refused handle was closed


def test_single_env_equals_the_grpc_path_with_resets_on_either_path(server_address):
    with rlgym.make("CartPole-v1", address=server_address, transport="shm") as shm_env, \
            rlgym.make("CartPole-v1", address=server_address, transport="stream") as grpc_env:
        assert shm_env.transport == "shm"
        for env in (shm_env, grpc_env):
            env.reset(seed=5)
        rng = np.random.default_rng(0)
        for t in range(600):
            action = int(rng.integers(2))
            got, expected = shm_env.step(action), grpc_env.step(action)
            assert type(got[0]) is np.ndarray and got[0].dtype == np.float32
            np.testing.assert_array_equal(got[0], expected[0])
            assert got[1:] == expected[1:] and type(got[1]) is float and type(got[2]) is bool
            if got[2] or got[3]:
                # Resets with options go over gRPC, plain ones over the doorbell: one sequence either way.
                options = {"low": -0.01, "high": 0.01} if t % 2 else None
                np.testing.assert_array_equal(shm_env.reset(options=options)[0], grpc_env.reset(options=options)[0])
        assert shm_env.transport == "shm" and shm_env._remote.sequence == grpc_env._remote.sequence


def test_vector_views_are_zero_copy_and_valid_until_the_next_step(server_address):
    with rlgym.make_vec("CartPole-v1", num_envs=8, address=server_address, transport="shm", copy=False) as views, \
            rlgym.make_vec("CartPole-v1", num_envs=8, address=server_address, transport="shm") as copies:
        views.reset(seed=3)
        copies.reset(seed=3)
        first = views.step(np.ones(8, dtype=np.int64))
        kept = copies.step(np.ones(8, dtype=np.int64))
        snapshot = first[0].copy()
        second = views.step(np.zeros(8, dtype=np.int64))
        copies.step(np.zeros(8, dtype=np.int64))

        assert second[0] is first[0] and np.shares_memory(first[0], second[0])  # the same buffer, rewritten
        assert not np.array_equal(first[0], snapshot)
        np.testing.assert_array_equal(kept[0], snapshot)  # copy=True arrays are the caller's
        np.testing.assert_array_equal(second[0], copies.step(np.zeros(8, dtype=np.int64))[0] * 0 + second[0])


def test_same_step_autoreset_infos_travel_with_the_doorbell(server_address):
    kwargs = dict(num_envs=4, address=server_address, autoreset_mode="same_step", max_episode_steps=5)
    with rlgym.make_vec("CartPole-v1", transport="shm", **kwargs) as shm_env, \
            rlgym.make_vec("CartPole-v1", transport="stream", **kwargs) as grpc_env:
        shm_env.reset(seed=0)
        grpc_env.reset(seed=0)
        for _ in range(5):  # the fifth truncates every copy
            got = shm_env.step(np.array([0, 1, 0, 1]))
            expected = grpc_env.step(np.array([0, 1, 0, 1]))
            for a, b in zip(got[:4], expected[:4]):
                np.testing.assert_array_equal(a, b)
            assert set(got[4]) == set(expected[4])
        assert "final_obs" in got[4] and got[4]["_final_obs"].all()
        np.testing.assert_array_equal(np.stack(got[4]["final_obs"]), np.stack(expected[4]["final_obs"]))


def test_a_wrong_action_shape_gets_the_grpc_paths_error(server_address):
    with rlgym.make_vec("CartPole-v1", num_envs=4, address=server_address, transport="shm") as env, \
            rlgym.make_vec("CartPole-v1", num_envs=4, address=server_address, transport="stream") as grpc_env:
        env.reset(seed=0)
        grpc_env.reset(seed=0)
        with pytest.raises(ValueError) as shm_error:
            env.step(np.zeros(3, dtype=np.int64))
        with pytest.raises(ValueError) as grpc_error:
            grpc_env.step(np.zeros(3, dtype=np.int64))
        with pytest.raises(ValueError) as out_of_range:
            env.step(np.array([0, 1, 2, 0]))
        assert str(shm_error.value) == str(grpc_error.value)
        assert out_of_range.value.code == "INVALID_ARGUMENT"
        assert env.step(np.zeros(4, dtype=np.int64))[0].shape == (4, 4)  # the handle is as it was
        assert env.transport == "shm"


def test_api_keys_are_checked_at_attach(start_server, monkeypatch):
    from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
    from rlgym.transport import Connection

    monkeypatch.delenv("RLGYM_API_KEY", raising=False)
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port), "--api-key", "key-a", "--api-key", "key-b"],
                 health_target=f"127.0.0.1:{port}")
    address = f"127.0.0.1:{port}"
    with rlgym.make("CartPole-v1", address=address, transport="shm", api_key="key-a") as env:
        assert env.transport == "shm" and env.reset(seed=0)[0].shape == (4,)
        request = env_pb.AttachSharedMemoryRequest(handle=env.handle)
        for key, code in (("key-b", "PERMISSION_DENIED"), (None, "UNAUTHENTICATED")):
            other = Connection(address, "unary", api_key=key)
            try:
                with pytest.raises(rlgym.AccessDeniedError) as caught:
                    other.unary("attach", request)
            finally:
                other.close()
            assert caught.value.code == code
        assert env.step(1)[1] == 1.0  # still attached: a refused attach replaces nothing


def test_a_forked_child_cannot_ring_its_parents_doorbell(server_address):
    with rlgym.make("CartPole-v1", address=server_address, transport="shm") as env:
        env.reset(seed=0)
        pid = os.fork()
        if pid == 0:  # the child: its copy of the env refuses, as the gRPC path does
            try:
                env.step(0)
                os._exit(2)
            except rlgym.RlGymError as error:
                os._exit(0 if error.code == "FAILED_PRECONDITION" and "fork" in str(error) else 1)
            except BaseException:  # noqa: BLE001 - any other outcome fails the test
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert env.step(0)[0].shape == (4,)  # the parent's env is untouched
        assert env._remote.sequence == 2


_CLIENT = textwrap.dedent("""
    import sys, numpy as np, rlgym
    env = rlgym.make_vec("CartPole-v1", num_envs=4096, address=sys.argv[1], transport="shm")
    env.reset(seed=0)
    actions = np.zeros(4096, dtype=np.int64)
    print("stepping", flush=True)
    while True:
        env.step(actions)
""")


@pytest.mark.timeout(90)
def test_a_client_killed_mid_step_leaves_nothing_on_the_server(start_server):
    server, address, tcp = _unix_server(start_server, env={"RlGym__HandleLease": "00:00:01"})
    before = _dev_shm()
    client = subprocess.Popen([sys.executable, "-c", _CLIENT, address], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}, cwd=REPO_ROOT)
    try:
        assert client.stdout.readline().strip() == "stepping"
        _wait_for(lambda: rlgym.server_status(tcp)["shared_memory_attachments"] == 1)
        assert _server_leftovers(server.process.pid)[0] == ["rlgym-shm"]
        time.sleep(0.3)  # in the middle of steps
        client.send_signal(signal.SIGKILL)
        client.wait(timeout=10)
    finally:
        if client.poll() is None:
            client.kill()

    _wait_for(lambda: rlgym.server_status(tcp)["shared_memory_attachments"] == 0)
    _wait_for(lambda: _server_leftovers(server.process.pid) == ([], []))
    _wait_for(lambda: rlgym.server_status(tcp)["handles_open"] == 0)  # the lease freed the handle
    assert _dev_shm() == before
    with rlgym.make("CartPole-v1", address=address) as env:  # the server goes on serving
        assert env.transport == "shm" and env.reset(seed=0)[0].shape == (4,)


@pytest.mark.timeout(90)
def test_a_server_killed_mid_step_is_a_connection_error_and_leaves_nothing_behind(start_server):
    server, address, _ = _unix_server(start_server)
    before = _dev_shm()
    env = rlgym.make_vec("CartPole-v1", num_envs=4096, address=address, retry_budget=0.5)
    assert env.transport == "shm"
    env.reset(seed=0)
    failure: list[BaseException] = []
    steps = [0]

    def loop():
        actions = np.zeros(4096, dtype=np.int64)
        try:
            while True:
                env.step(actions)
                steps[0] += 1
        except BaseException as error:  # noqa: BLE001 - handed to the test
            failure.append(error)

    stepper = threading.Thread(target=loop, daemon=True)
    stepper.start()
    _wait_for(lambda: steps[0] > 10)
    os.killpg(server.process.pid, signal.SIGKILL)
    stepper.join(timeout=30)

    assert not stepper.is_alive()
    assert isinstance(failure[0], rlgym.ServerConnectionError), failure
    assert "Lost connection to the RlGym server at " + address in str(failure[0])
    with pytest.raises(ConnectionError):
        env.step(np.zeros(4096, dtype=np.int64))
    env.close()
    assert _dev_shm() == before


def test_the_doorbell_polls_only_while_answers_come_within_the_window(monkeypatch):
    from rlgym import shm

    monkeypatch.setattr(shm, "SPIN_SECONDS", 0.05)  # wide enough that a loaded machine does not blur fast and slow
    channel = object.__new__(shm.SharedMemoryChannel)  # only the waiting part: a socket pair stands in for the server
    ours, server = socket.socketpair()
    channel._spin = shm.SPIN_SECONDS
    channel._poller = select.poll()
    channel._poller.register(ours, select.POLLIN)
    view = memoryview(bytearray(16))

    def answer_after(seconds: float) -> int:
        timer = threading.Timer(seconds, server.sendall, args=(b"x" * 16,))
        timer.start()
        try:
            return channel._receive_header(ours, view)
        finally:
            timer.join()

    server.sendall(b"x" * 16)  # answered at once: keeps polling
    assert channel._receive_header(ours, view) == 16 and channel._spin == shm.SPIN_SECONDS
    assert answer_after(0.3) == 16 and channel._spin == 0.0  # slow: sleeps in recv from now on
    server.sendall(b"y" * 16)  # fast again: polling comes back
    assert channel._receive_header(ours, view) == 16 and bytes(view[:1]) == b"y" and channel._spin == shm.SPIN_SECONDS
    ours.close()
    server.close()
