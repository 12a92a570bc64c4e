"""Unix domain sockets and a server that goes away mid-episode."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

import rlgym
from conftest import _free_port


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_unix_domain_socket_address_works(start_server, transport):
    socket_dir = Path(tempfile.mkdtemp(prefix="rlgym-uds-"))  # short path: sun_path holds ~108 bytes
    socket_path = socket_dir / "rlgym.sock"
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port), "--uds", str(socket_path)],
                 health_target=f"127.0.0.1:{port}")
    address = f"unix://{socket_path}"

    assert "CartPole-v1" in rlgym.list_envs(address)
    with rlgym.make("CartPole-v1", address=address, transport=transport) as env:
        obs, _ = env.reset(seed=0)
        obs, reward, terminated, truncated, _ = env.step(1)

    assert obs.dtype == np.float32 and obs.shape == (4,) and reward == 1.0


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_lost_server_is_a_connection_error_with_a_clear_message(start_server, transport):
    port = _free_port()
    server = start_server(["serve", "--host", "127.0.0.1", "--port", str(port)], health_target=f"127.0.0.1:{port}")
    address = f"127.0.0.1:{port}"
    env = rlgym.make("CartPole-v1", address=address, transport=transport, retry_budget=1.0)
    env.reset(seed=0)
    env.step(0)

    server.stop()
    with pytest.raises(ConnectionError) as caught:
        env.step(0)
    env.close()  # idempotent and quiet although the server is gone
    env.close()

    assert isinstance(caught.value, rlgym.ServerConnectionError)
    assert "Lost connection to the RlGym server at " + address in str(caught.value)


class FlakyProxy:
    """A TCP proxy on loopback that can drop its connections the moment the server starts answering (a request
    reached the server, its response is lost), hold the answers back, refuse requests (a server that is down), or
    drop a connection at random: once a connection's HTTP/2 handshake is through (its first chunks each way), each
    chunk of bytes either way is its last with probability ``drop_probability`` (a seeded generator), so requests
    are lost before the server sees them and after it answered."""

    _HANDSHAKE_CHUNKS = 3

    def __init__(self, upstream_port: int, drop_probability: float = 0.0, seed: int = 0):
        import random
        import socket
        import threading

        self._drop_probability = drop_probability
        self._random = random.Random(seed)
        self._random_lock = threading.Lock()
        self._upstream_port = upstream_port
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = self._listener.getsockname()[1]
        self.drop_next_response = threading.Event()
        self.stall_responses = threading.Event()
        self.refuse_requests = threading.Event()
        self.drops = 0
        self._sockets: list = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import struct
        import threading

        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.refuse_requests.is_set():  # a server that is down: the connection is reset before any request
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self._upstream_port))
            except OSError:
                client.close()
                continue
            for sock in (client, upstream):  # no Nagle delays on the small HTTP/2 frames
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    @staticmethod
    def _cut(*sockets) -> None:
        import socket

        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # the other direction's pump cut it first

    def _pump(self, source, target, downstream: bool) -> None:
        chunks = 0
        try:
            while data := source.recv(65536):
                chunks += 1
                if not downstream and self.refuse_requests.is_set():
                    return self._cut(source, target)
                while downstream and self.stall_responses.is_set() and not self._closed:
                    time.sleep(0.01)  # a server that stopped answering: hold its bytes back
                with self._random_lock:
                    dropped = (chunks > self._HANDSHAKE_CHUNKS and self._drop_probability > 0
                               and self._random.random() < self._drop_probability)
                if dropped or (downstream and self.drop_next_response.is_set()):
                    if not dropped:
                        self.drop_next_response.clear()
                    self.drops += 1
                    return self._cut(source, target)
                target.sendall(data)
        except OSError:
            pass
        self._cut(source, target)  # one side ended: end the other too

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        for sock in self._sockets:
            try:
                sock.close()
            except OSError:
                pass


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_a_lost_response_is_retried_with_the_same_sequence_number_and_applied_once(start_server, transport):
    # Its own server: the dropped connections are logged there, not on the session's server.
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port)], health_target=f"127.0.0.1:{port}")
    server_address = f"127.0.0.1:{port}"
    proxy = FlakyProxy(port)
    try:
        with rlgym.make("CartPole-v1", address=server_address) as reference:
            expected = [reference.reset(seed=5)[0]] + [reference.step(t % 2)[0] for t in range(6)]
        with rlgym.make("CartPole-v1", address=f"127.0.0.1:{proxy.port}", transport=transport) as env:
            observed = [env.reset(seed=5)[0]]
            for t in range(6):
                if t in (2, 4):
                    proxy.drop_next_response.set()  # the step reaches the server; its answer is lost
                observed.append(env.step(t % 2)[0])
    finally:
        proxy.close()

    assert proxy.drops == 2
    np.testing.assert_array_equal(np.stack(observed), np.stack(expected))


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_a_request_without_an_answer_fails_after_the_budget_and_is_completed_before_the_next(start_server, transport):
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port)], health_target=f"127.0.0.1:{port}")
    proxy = FlakyProxy(port)
    try:
        with rlgym.make("CartPole-v1", address=f"127.0.0.1:{port}") as reference:
            expected = [reference.reset(seed=1)[0]] + [reference.step(action)[0] for action in (0, 1, 0)]
        env = rlgym.make("CartPole-v1", address=f"127.0.0.1:{proxy.port}", transport=transport, timeout=1.0,
                         retry_budget=0.5)
        observed = [env.reset(seed=1)[0], env.step(0)[0]]
        proxy.stall_responses.set()  # the server applies step 2; its answer never comes
        started = time.monotonic()
        with pytest.raises(rlgym.ServerConnectionError) as caught:
            env.step(1)
        waited = time.monotonic() - started
        proxy.stall_responses.clear()
        # The server is back: step 2 is completed (answered from the server's store, not applied again), then
        # step 3 goes out with the next number. Before, the env was wedged here with "expected 3" forever.
        observed.append(env.step(0)[0])
        assert env._remote.sequence == 4
        env.close()
    finally:
        proxy.close()

    assert "DEADLINE_EXCEEDED" in str(caught.value)
    assert 1.0 <= waited < 10.0
    np.testing.assert_array_equal(observed[2], expected[3])  # step 1's effect is in it, exactly once


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_a_request_that_never_reached_the_server_is_applied_once_it_is_back(start_server, transport):
    port = _free_port()
    server = start_server(["serve", "--host", "127.0.0.1", "--port", str(port), "--handle-lease", "60"],
                          health_target=f"127.0.0.1:{port}")
    with rlgym.make("CartPole-v1", address=f"127.0.0.1:{port}") as reference:
        expected = [reference.reset(seed=2)[0]] + [reference.step(action)[0] for action in (1, 1, 0)]
    proxy = FlakyProxy(port)
    try:
        env = rlgym.make("CartPole-v1", address=f"127.0.0.1:{proxy.port}", transport=transport, retry_budget=2.0)
        observed = [env.reset(seed=2)[0], env.step(1)[0]]
        proxy.refuse_requests.set()  # nothing reaches the server: step 2 and all its retries fail before it
        with pytest.raises(rlgym.ServerConnectionError):
            env.step(1)
        with pytest.raises(rlgym.ServerConnectionError):
            env.step(0)  # step 2 is still pending: it goes first, and fails again
        proxy.refuse_requests.clear()
        observed.append(env.step(0)[0])  # step 2 (action 1) is applied, then step 3 (action 0)
        env.close()
    finally:
        proxy.close()

    assert server.process.poll() is None
    np.testing.assert_array_equal(observed[2], expected[3])


def _random_trajectory(env, steps: int) -> tuple[np.ndarray, ...]:
    """``steps`` seeded random CartPole steps from reset(seed=0), reset at each episode's end."""
    generator = np.random.default_rng(0)
    observations, rewards, flags = [env.reset(seed=0)[0]], [], []
    for action in generator.integers(0, 2, size=steps):
        obs, reward, terminated, truncated, _ = env.step(int(action))
        observations.append(obs)
        rewards.append(reward)
        flags.append((terminated, truncated))
        if terminated or truncated:
            observations.append(env.reset()[0])
    return np.stack(observations), np.array(rewards), np.array(flags)


@pytest.mark.slow_common
@pytest.mark.timeout(600)
@pytest.mark.parametrize("transport,drop_probability", [("stream", 0.01), ("unary", 0.01), ("stream", 0.15), ("unary", 0.15)])
def test_dropped_connections_give_exactly_the_fault_free_trajectory(start_server, transport, drop_probability):
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port)], health_target=f"127.0.0.1:{port}")
    steps = 10_000
    with rlgym.make("CartPole-v1", address=f"127.0.0.1:{port}", transport=transport) as env:
        expected = _random_trajectory(env, steps)
    proxy = FlakyProxy(port, drop_probability=drop_probability, seed=7)
    try:
        with rlgym.make("CartPole-v1", address=f"127.0.0.1:{proxy.port}", transport=transport) as env:
            observed = _random_trajectory(env, steps)
            assert env._remote.sequence == len(expected[0])  # one number per reset and step, none skipped
    finally:
        proxy.close()

    assert proxy.drops >= steps * drop_probability  # the faults happened (a step is at least two chunks)
    for mine, theirs in zip(observed, expected):
        np.testing.assert_array_equal(mine, theirs)


def test_timeout_must_be_positive_or_none():
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds or None"):
        rlgym.make("CartPole-v1", address="127.0.0.1:1", timeout=0)


@pytest.fixture(scope="module")
def keyed_server(start_server) -> str:
    port = _free_port()
    start_server(["serve", "--host", "127.0.0.1", "--port", str(port), "--api-key", "py-secret"],
                 health_target=f"127.0.0.1:{port}")
    return f"127.0.0.1:{port}"


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_a_server_with_api_keys_refuses_a_call_without_one(keyed_server, transport, monkeypatch):
    monkeypatch.delenv("RLGYM_API_KEY", raising=False)
    with pytest.raises(rlgym.AccessDeniedError) as caught:
        rlgym.make("CartPole-v1", address=keyed_server, transport=transport)

    assert caught.value.code == "UNAUTHENTICATED" and "x-api-key" in str(caught.value)
    assert isinstance(caught.value, PermissionError)


@pytest.mark.parametrize("transport", ["stream", "unary"])
def test_the_api_key_comes_from_the_argument_or_the_environment(keyed_server, transport, monkeypatch):
    monkeypatch.delenv("RLGYM_API_KEY", raising=False)
    with rlgym.make("CartPole-v1", address=keyed_server, transport=transport, api_key="py-secret") as env:
        first, _ = env.reset(seed=3)
    monkeypatch.setenv("RLGYM_API_KEY", "py-secret")
    with rlgym.make("CartPole-v1", address=keyed_server, transport=transport) as env:
        second, _ = env.reset(seed=3)

    assert np.array_equal(first, second)
    assert "CartPole-v1" in rlgym.list_envs(keyed_server)
    with pytest.raises(rlgym.AccessDeniedError):
        rlgym.list_envs(keyed_server, api_key="wrong")


def test_make_vec_sends_the_api_key(keyed_server, monkeypatch):
    monkeypatch.delenv("RLGYM_API_KEY", raising=False)
    with pytest.raises(rlgym.AccessDeniedError):
        rlgym.make_vec("CartPole-v1", num_envs=2, address=keyed_server)
    with rlgym.make_vec("CartPole-v1", num_envs=2, address=keyed_server, api_key="py-secret") as envs:
        obs, _ = envs.reset(seed=0)

    assert obs.shape == (2, 4)


@pytest.mark.parametrize("kind", ["make", "make_vec"])
def test_a_script_that_never_closes_its_env_still_exits(server_address, kind):
    # An open Session stream used to keep gRPC waiting at interpreter exit forever.
    script = (f"import rlgym\nenv = rlgym.{kind}('CartPole-v1', address={server_address!r})\n"
              "env.reset(seed=0)\nprint('stepped', flush=True)\n")
    source = Path(rlgym.__file__).resolve().parents[1]
    finished = subprocess.run([sys.executable, "-c", script], cwd=source, capture_output=True, text=True, timeout=60)

    assert finished.returncode == 0, finished.stderr
    assert "stepped" in finished.stdout
