"""Session fixtures: a REAL RlGym server process for the end-to-end tests.

The server command is, in order of preference:
  * RLGYM_SERVER_ADDRESS: an already running server (nothing is started);
  * RLGYM_SERVER_CMD: a command that runs the rlgym CLI (e.g. "rlgym" or "dotnet /path/rlgym.dll");
  * otherwise `dotnet build src/RlGym.Cli -c Release` (once per session) and the built `rlgym`.
It is started as `<cmd> serve --host 127.0.0.1 --port <free port>`; the fixture waits for its
"Listening on" line and for grpc.health.v1 to answer SERVING, and stops it at the end.
"""

from __future__ import annotations

import importlib.abc
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

class _NoGymnasium(importlib.abc.MetaPathFinder):
    """Makes ``import gymnasium`` fail, as on a machine without it (RLGYM_TEST_WITHOUT_GYMNASIUM=1)."""

    def find_spec(self, name, path=None, target=None):
        if name == "gymnasium" or name.startswith("gymnasium."):
            raise ImportError(f"{name} is blocked: the suite runs as without Gymnasium (RLGYM_TEST_WITHOUT_GYMNASIUM)")
        return None


if os.environ.get("RLGYM_TEST_WITHOUT_GYMNASIUM") == "1":
    if any(name == "gymnasium" or name.startswith("gymnasium.") for name in sys.modules):
        raise RuntimeError("gymnasium was imported before the tests could block it")
    sys.meta_path.insert(0, _NoGymnasium())


# Gymnasium's classic-control envs call NumPy's sin/cos, whose AVX-512 SIMD versions differ from glibc's by a few
# ulp: where the CPU has them, the reference side of the comparisons with Gymnasium runs as on a CPU without them
# (what RlGym and the recorded fixtures follow; README, "seed for seed"). Set before anything imports NumPy.
_SIMD_TRIG = ("AVX512F", "AVX512CD", "AVX512_SKX", "AVX512_CLX", "AVX512_CNL", "AVX512_ICL")
if "NPY_DISABLE_CPU_FEATURES" not in os.environ:
    _probe = subprocess.run([sys.executable, "-c", "from numpy.core._multiarray_umath import __cpu_features__ as f; "
                             f"print(' '.join(k for k in {_SIMD_TRIG!r} if f.get(k)))"],
                            capture_output=True, text=True, check=False)
    if _probe.stdout.strip():
        os.environ["NPY_DISABLE_CPU_FEATURES"] = _probe.stdout.strip()

import rlgym  # noqa: E402 - before grpc, as a user's script would: it turns grpcio's fork support on first

import grpc  # noqa: E402
import pytest  # noqa: E402

from support import REPO_ROOT  # noqa: E402



def pytest_configure(config):
    config.addinivalue_line("markers", "timeout(seconds): this test may run longer than TEST_TIMEOUT_S")
    config.addinivalue_line("markers", "slow_common: slow, and the same with or without Gymnasium: tests/run-all.sh "
                                       "runs it in one of its passes (RLGYM_TEST_SKIP_SLOW_COMMON=1 skips it)")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("RLGYM_TEST_SKIP_SLOW_COMMON") == "1":
        skip = pytest.mark.skip(reason="slow and independent of Gymnasium: runs in the suite's no-Gymnasium pass")
        for item in items:
            if "slow_common" in item.keywords:
                item.add_marker(skip)

STARTUP_TIMEOUT_S = 120.0
BUILD_TIMEOUT_S = 900.0
# Tests may leave handles open: stop the server without the default 10 s shutdown drain.
SERVER_TEST_ENV = {"RlGym__ShutdownGracePeriod": "00:00:01"}
# No test takes a minute; one that does is hung, and fails with its stack instead of stalling the suite.
TEST_TIMEOUT_S = 120


@pytest.fixture(autouse=True)
def _fail_a_hung_test(request):
    """Raises TimeoutError in a test still running after TEST_TIMEOUT_S, or its ``timeout`` marker's seconds
    (session fixtures are set up before)."""
    marker = request.node.get_closest_marker("timeout")
    limit = int(marker.args[0]) if marker else TEST_TIMEOUT_S

    def on_alarm(signum, frame):
        raise TimeoutError(f"{request.node.nodeid} ran for more than {limit} s: it is hung")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(limit)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_serving(target: str, timeout: float = 2.0) -> bool:
    """grpc.health.v1.Health/Check with an empty service name; SERVING is field 1 = 1."""
    with grpc.insecure_channel(target) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                    request_serializer=lambda raw: raw, response_deserializer=lambda raw: raw)
        try:
            return check(b"", timeout=timeout) == b"\x08\x01"
        except grpc.RpcError:
            return False


def _server_command() -> list[str]:
    command = os.environ.get("RLGYM_SERVER_CMD")
    if command:
        return shlex.split(command)
    if shutil.which("dotnet") is None:
        pytest.skip("no server: dotnet is not installed and neither RLGYM_SERVER_CMD nor RLGYM_SERVER_ADDRESS is set")
    project = REPO_ROOT / "src" / "RlGym.Cli"
    build = subprocess.run(["dotnet", "build", str(project), "-c", "Release", "--nologo", "-v", "q"],
                           cwd=REPO_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    if build.returncode != 0:
        pytest.fail(f"`dotnet build src/RlGym.Cli -c Release` failed:\n{build.stdout[-4000:]}\n{build.stderr[-2000:]}")
    dll = project / "bin" / "Release" / "net10.0" / "rlgym.dll"
    if not dll.exists():
        pytest.fail(f"build succeeded but {dll} is missing")
    return ["dotnet", str(dll)]


class ServerProcess:
    """A running `rlgym serve` process and the lines it printed."""

    def __init__(self, command: list[str], log_path: Path, env: dict[str, str] | None = None):
        self.command = command
        self.lines: list[str] = []
        self._listening = threading.Event()
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, text=True, start_new_session=True,
                                        env={**os.environ, **SERVER_TEST_ENV, **(env or {})})
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            self._log.write(line)
            self._log.flush()
            if "Listening on" in line:
                self._listening.set()

    def wait_ready(self, health_target: str | None) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._listening.is_set():
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n" + "\n".join(self.lines[-40:]))
            if time.monotonic() > deadline:
                raise RuntimeError("server did not print 'Listening on' in time:\n" + "\n".join(self.lines[-40:]))
            self._listening.wait(0.1)
        while health_target is not None and not _health_serving(health_target):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("server never answered grpc.health.v1 SERVING:\n" + "\n".join(self.lines[-40:]))
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def server_command() -> list[str]:
    """The command prefix that runs the rlgym CLI (built once per session)."""
    return _server_command()


@pytest.fixture(scope="session")
def server_address(server_command, tmp_path_factory) -> str:
    """host:port of a real RlGym server for the whole session."""
    external = os.environ.get("RLGYM_SERVER_ADDRESS")
    if external:
        yield external
        return
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    server = ServerProcess(server_command + ["serve", "--host", "127.0.0.1", "--port", str(port)], log)
    try:
        server.wait_ready(f"127.0.0.1:{port}")
    except RuntimeError as error:
        server.stop()
        pytest.fail(str(error))
    yield f"127.0.0.1:{port}"
    server.stop()
    # As grpc-dotnet's tests do: a request the server could not handle shows up as a "fail:" log entry.
    failures = [line for line in server.lines if line.startswith("fail:") or line.startswith("crit:")]
    if failures:
        pytest.fail("the server logged unexpected errors:\n" + "\n".join(server.lines[-60:]))


@pytest.fixture(scope="session")
def served_ids(server_address) -> list[str]:
    """Every environment id the server lists."""
    return rlgym.list_envs(server_address)


@pytest.fixture(scope="session")
def start_server(server_command, tmp_path_factory):
    """Starts an extra server with the given CLI arguments and environment (UDS, lost-connection tests)."""
    started: list[ServerProcess] = []

    def start(args: list[str], health_target: str | None = None, env: dict[str, str] | None = None) -> ServerProcess:
        log = tmp_path_factory.mktemp("server") / "server.log"
        server = ServerProcess(server_command + args, log, env)
        started.append(server)
        server.wait_ready(health_target)
        return server

    yield start
    for server in started:
        server.stop()
