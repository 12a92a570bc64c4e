"""`rlgym bench-agents --mode sb3`: Stable-Baselines3 trains with exactly RlGym's resolved options.

Every option `rlgym train ALGO ENV --print-config` prints must map to SB3's argument of the same meaning (or be
refused), so the side-by-side figures compare the same training; and the command runs both sides and prints the ratio.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

pytest.importorskip("stable_baselines3", reason="needs Stable-Baselines3 (the Gymnasium 1.0 pass of the suite has it)")

from support import REPO_ROOT  # noqa: E402

sys.path.insert(0, str(REPO_ROOT / "clients" / "python" / "benchmarks"))
import sb3_agent_run  # noqa: E402


def print_config(server_command: list[str], algo: str, env_id: str) -> dict:
    done = subprocess.run([*server_command, "train", algo, env_id, "--print-config"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize(("algo", "env_id"), [("ppo", "CartPole-v1"), ("a2c", "CartPole-v1"), ("dqn", "CartPole-v1"),
                                              ("sac", "Pendulum-v1"), ("td3", "Pendulum-v1"),
                                              ("ppo", "MountainCarContinuous-v0"), ("ppo", "Pendulum-v1")])
def test_every_preset_option_maps_to_sb3(server_command, algo, env_id):
    config = print_config(server_command, algo, env_id)
    options = sb3_agent_run.Options(config)

    model, env, total_steps = sb3_agent_run.build(algo, env_id, options, seed=0)

    try:
        assert options.leftover() == []
        assert total_steps == config["total_steps"]
        assert env.num_envs == config["num_envs"]
        assert model.gamma == pytest.approx(config["gamma"])
        if algo == "ppo":
            assert model.n_steps == config["num_steps"]
            assert model.batch_size == config["num_envs"] * config["num_steps"] // config["num_minibatches"]
            assert model.n_epochs == config["update_epochs"]
            assert model.use_sde == config["use_sde"]
            assert model.sde_sample_freq == config["sde_sample_freq"]
        if algo in ("dqn", "sac", "td3"):
            assert model.batch_size == config["batch_size"]
            assert model.learning_starts == config["learning_starts"]
            assert model.gradient_steps == config["gradient_steps"]
    finally:
        env.close()


def test_an_option_sb3_cannot_express_is_refused():
    config = {"total_steps": 1000, "num_envs": 1, "double_dqn": True}

    with pytest.raises(ValueError, match="double_dqn"):
        sb3_agent_run.build("dqn", "CartPole-v1", sb3_agent_run.Options(config), seed=0)


def test_bench_agents_sb3_mode_trains_both_sides_and_prints_the_ratio(server_command):
    done = subprocess.run([*server_command, "bench-agents", "--case", "ppo:CartPole-v1", "--mode", "local", "sb3",
                           "--seeds", "1", "--total-steps", "512", "--eval-every", "256", "--eval-episodes", "1", "--full"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stderr[-2000:]
    assert "ppo:CartPole-v1 local seed 0: 512 steps" in done.stdout
    assert "ppo:CartPole-v1 sb3 seed 0: 512 steps" in done.stdout
    assert re.search(r"sb3 seed 0: .*, BLAS /\S+", done.stdout), done.stdout  # the BLAS SB3's torch loaded, named
    assert re.search(r"^ppo\s+CartPole-v1\s+local / sb3\s+\d+\.\d\dx", done.stdout, re.MULTILINE), done.stdout
