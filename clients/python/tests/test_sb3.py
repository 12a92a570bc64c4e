"""``rlgym.sb3``: Stable-Baselines3 (2.4.1 on Gymnasium 1.0 in CI) on served environments, compared with SB3's own
``make_vec_env`` over Gymnasium's environments step for step and training run for training run."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("stable_baselines3", reason="needs Stable-Baselines3 (the Gymnasium 1.0 pass of the suite has it)")
import torch  # noqa: E402
from stable_baselines3 import DQN, PPO  # noqa: E402
from stable_baselines3.common.callbacks import BaseCallback  # noqa: E402
from stable_baselines3.common.env_util import make_vec_env as sb3_make_vec_env  # noqa: E402
from stable_baselines3.common.monitor import Monitor  # noqa: E402
from stable_baselines3.common.vec_env import SubprocVecEnv  # noqa: E402

import rlgym  # noqa: E402
import rlgym.sb3  # noqa: E402

torch.set_num_threads(1)  # small networks: more threads only spin on 2 busy cores


def _assert_info_equal(ours: dict, theirs: dict, where: str) -> None:
    assert set(ours) == set(theirs), f"{where}: {set(ours)} != {set(theirs)}"
    for key, value in theirs.items():
        if key == "episode":
            assert (ours[key]["r"], ours[key]["l"]) == (value["r"], value["l"]), where
        else:
            np.testing.assert_array_equal(ours[key], value, err_msg=f"{where}[{key!r}]")


@pytest.mark.parametrize("batch_size", [None, 4], ids=["synchronous", "asynchronous"])
@pytest.mark.parametrize("env_id", ["CartPole-v1", "Taxi-v3"])
def test_the_adapter_steps_as_sb3s_own_make_vec_env(server_address, env_id, batch_size):
    # batch_size=n_envs: step_async sends, the server steps the copies on its cores, step_wait receives.
    ours = rlgym.sb3.make_vec_env(env_id, n_envs=4, address=server_address, seed=3, max_episode_steps=30,
                                  batch_size=batch_size)
    assert ours.env.is_async == (batch_size is not None)
    theirs = sb3_make_vec_env(env_id, n_envs=4, seed=3, env_kwargs={"max_episode_steps": 30})
    try:
        assert ours.num_envs == 4 and ours.observation_space == theirs.observation_space
        assert ours.action_space == theirs.action_space
        np.testing.assert_array_equal(ours.reset(), theirs.reset())
        for index in range(4):
            _assert_info_equal(ours.reset_infos[index], theirs.reset_infos[index], f"reset info {index}")
        generator = np.random.default_rng(0)
        ends = {"terminated": 0, "truncated": 0}
        for step in range(120):
            actions = generator.integers(0, theirs.action_space.n, size=4)
            observations, rewards, dones, infos = ours.step(actions)
            expected = theirs.step(actions)
            np.testing.assert_array_equal(observations, expected[0], err_msg=f"step {step}")
            np.testing.assert_array_equal(rewards, expected[1], err_msg=f"step {step}")
            assert rewards.dtype == expected[1].dtype and dones.dtype == expected[2].dtype
            np.testing.assert_array_equal(dones, expected[2], err_msg=f"step {step}")
            for index in range(4):
                _assert_info_equal(infos[index], expected[3][index], f"step {step} copy {index}")
                _assert_info_equal(ours.reset_infos[index], theirs.reset_infos[index], f"step {step} reset {index}")
                if dones[index]:
                    ends["truncated" if infos[index]["TimeLimit.truncated"] else "terminated"] += 1
        assert ends["truncated"] > 0 and (env_id == "Taxi-v3" or ends["terminated"] > 0), ends
    finally:
        ours.close()
        theirs.close()


class _EpisodeReturns(BaseCallback):
    """Every finished episode's return, in the order SB3 saw them (the Monitor's ``info["episode"]``)."""

    def __init__(self) -> None:
        super().__init__()
        self.returns: list[float] = []

    def _on_step(self) -> bool:
        self.returns.extend(info["episode"]["r"] for info in self.locals["infos"] if "episode" in info)
        return True


def _learn(model, steps: int) -> list[float]:
    returns = _EpisodeReturns()
    model.learn(steps, callback=returns)
    return returns.returns


def _zoo_ppo(env):
    """rl-baselines3-zoo's PPO hyperparameters for CartPole-v1 (8 copies, 1e5 steps)."""
    return PPO("MlpPolicy", env, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20, ent_coef=0.0,
               learning_rate=lambda progress: 1e-3 * progress, clip_range=lambda progress: 0.2 * progress, seed=0,
               device="cpu")


@pytest.mark.timeout(900)
def test_ppo_with_zoo_hyperparameters_trains_as_on_gymnasium_and_solves_cartpole(server_address):
    ours = rlgym.sb3.make_vec_env("CartPole-v1", n_envs=8, address=server_address, seed=0)
    try:
        our_returns = _learn(_zoo_ppo(ours), 100_000)
    finally:
        ours.close()
    their_returns = _learn(_zoo_ppo(sb3_make_vec_env("CartPole-v1", n_envs=8, seed=0)), 100_000)

    assert len(our_returns) > 100
    assert our_returns == their_returns  # the environments are bit-exact, so the training is too
    assert np.mean(our_returns[-20:]) >= 475.0  # CartPole-v1's reward threshold


def test_dqn_trains_as_on_gymnasium(server_address):
    def dqn(env):
        return DQN("MlpPolicy", env, learning_starts=500, train_freq=4, target_update_interval=200,
                   exploration_fraction=0.5, seed=1, device="cpu")

    ours = rlgym.sb3.make_vec_env("CartPole-v1", n_envs=1, address=server_address, seed=1)
    try:
        our_returns = _learn(dqn(ours), 3_000)
    finally:
        ours.close()

    assert len(our_returns) > 20
    assert our_returns == _learn(dqn(sb3_make_vec_env("CartPole-v1", n_envs=1, seed=1)), 3_000)


def test_attributes_methods_and_rendering(server_address):
    env = rlgym.sb3.make_vec_env("CartPole-v1", n_envs=3, address=server_address, render_mode="rgb_array")
    try:
        assert env.get_attr("render_mode") == ["rgb_array"] * 3
        assert env.get_attr("spec", indices=[1])[0].id == "CartPole-v1"
        assert env.env_is_wrapped(Monitor) == [True] * 3
        with pytest.raises(AttributeError, match="lives on the server"):
            env.get_attr("state")
        with pytest.raises(AttributeError, match="Cannot set 'gravity'"):
            env.set_attr("gravity", 1.0)
        with pytest.raises(AttributeError, match="only 'render'"):
            env.env_method("close")
        env.reset()
        frames = env.env_method("render", indices=[0, 2])
        assert len(frames) == 2 and frames[0].shape == (400, 600, 3) and frames[0].dtype == np.uint8
        tiled = env.render()
        assert tiled.ndim == 3 and tiled.shape[2] == 3 and tiled.any()
    finally:
        env.close()
    unmonitored = rlgym.sb3.make_vec_env("CartPole-v1", n_envs=1, address=server_address, monitor=False)
    try:
        assert unmonitored.env_is_wrapped(Monitor) == [False]
    finally:
        unmonitored.close()


def test_subproc_vec_env_over_served_envs_equals_the_adapter(server_address):
    def make():
        return rlgym.make("CartPole-v1", address=server_address)

    subprocesses = SubprocVecEnv([make] * 2)  # SB3's default start method: forkserver
    adapter = rlgym.sb3.make_vec_env("CartPole-v1", n_envs=2, address=server_address)
    try:
        subprocesses.seed(5)
        adapter.seed(5)
        np.testing.assert_array_equal(subprocesses.reset(), adapter.reset())
        for actions in ([0, 1], [1, 1], [0, 0]):
            np.testing.assert_array_equal(subprocesses.step(np.array(actions))[0], adapter.step(np.array(actions))[0])
    finally:
        subprocesses.close()
        adapter.close()
