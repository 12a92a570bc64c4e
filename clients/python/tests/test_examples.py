"""The examples and the benchmark run against a real server."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from support import CLIENT_DIR


def _run(script, *args, timeout=300):
    env = {**os.environ, "PYTHONPATH": str(CLIENT_DIR / "src")}
    return subprocess.run([sys.executable, str(CLIENT_DIR / script), *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def test_q_learning_taxi_trains_against_the_server(server_address, served_ids):
    if "Taxi-v3" not in served_ids:
        pytest.skip("the server does not serve Taxi-v3")

    result = _run("examples/q_learning_taxi.py", "--address", server_address, "--episodes", "40")

    assert result.returncode == 0, result.stderr
    assert "greedy policy: mean return over 20 episodes" in result.stdout


def test_reinforce_cartpole_runs_or_explains_that_pytorch_is_missing(server_address):
    result = _run("examples/reinforce_cartpole.py", "--address", server_address, "--episodes", "20")

    if importlib.util.find_spec("torch") is None:
        assert result.returncode == 2
        assert "needs PyTorch" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "mean length" in result.stdout


def test_benchmark_prints_json_figures(server_address):
    result = _run("benchmarks/bench.py", "--address", server_address, "--json", "--seconds", "0.3",
                  "--warmup", "0.2", "--num-envs", "16", "--pipeline", "1", "2", "--rounds", "2")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    names = [entry["name"] for entry in report["results"]]
    assert names == ["single/stream", "single/unary", "vector/16/stream/auto", "vector/16/stream/auto/pipeline 2",
                     "vector/16/unary/auto"]
    assert all(entry["env_steps_per_s"] > 0 for entry in report["results"])
