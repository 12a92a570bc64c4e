"""Unix domain sockets and a server that goes away mid-episode."""

from __future__ import annotations

import tempfile
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
    env = rlgym.make("CartPole-v1", address=address, transport=transport)
    env.reset(seed=0)
    env.step(0)

    server.stop()
    with pytest.raises(ConnectionError) as caught:
        env.step(0)
    env.close()  # idempotent and quiet although the server is gone
    env.close()

    assert isinstance(caught.value, rlgym.ServerConnectionError)
    assert "Lost connection to the RlGym server at " + address in str(caught.value)
