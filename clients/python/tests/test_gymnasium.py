"""Served environments through the real Gymnasium (1.0 and 1.3 in CI): its registry, ``make``, ``make_vec``, specs,
``check_env`` and vector wrappers, compared with Gymnasium's own environments where it has them."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import rlgym
from rlgym.vector_env import RemoteVectorEnv

gymnasium = pytest.importorskip("gymnasium", reason="these tests drive served envs through the real Gymnasium")
from gymnasium.envs.registration import EnvSpec  # noqa: E402
from gymnasium.utils.env_checker import check_env  # noqa: E402
from gymnasium.wrappers import vector as vector_wrappers  # noqa: E402

HAS_AUTORESET_MODES = hasattr(gymnasium.vector, "AutoresetMode")  # Gymnasium 1.1+
MODES = list(rlgym.AutoresetMode) if HAS_AUTORESET_MODES else [rlgym.AutoresetMode.NEXT_STEP]

# check_env's own remarks on the spaces Gymnasium itself declares (CartPole's infinite bounds, Pendulum's [-2, 2]
# torque): Gymnasium's own envs draw the same ones. Anything else, from the passive checker above all, is a defect.
GYMNASIUM_SPACE_REMARKS = ("space minimum value is -infinity", "space maximum value is infinity",
                           "we recommend using a symmetric and normalized space")


@pytest.fixture(scope="module")
def registered(server_address) -> list[str]:
    with warnings.catch_warnings():  # each module's server registers the ids again: Gymnasium warns on overriding
        warnings.filterwarnings("ignore", message=".*Overriding environment")
        return rlgym.register_envs(server_address)


def _assert_same(ours, theirs, where: str) -> None:
    """Equal values, arrays bit for bit (object arrays element by element), dicts and tuples item by item."""
    if isinstance(theirs, tuple):
        assert isinstance(ours, tuple) and len(ours) == len(theirs), f"{where}: {ours!r} != {theirs!r}"
        for index, (mine, other) in enumerate(zip(ours, theirs)):
            _assert_same(mine, other, f"{where}[{index}]")
    elif isinstance(theirs, dict):
        assert isinstance(ours, dict) and set(ours) == set(theirs), f"{where}: keys {set(ours)} != {set(theirs)}"
        for key in theirs:
            _assert_same(ours[key], theirs[key], f"{where}[{key!r}]")
    elif isinstance(theirs, np.ndarray) and theirs.dtype == object:
        assert len(ours) == len(theirs), where
        for index, (mine, other) in enumerate(zip(ours, theirs)):
            _assert_same(mine, other, f"{where}[{index}]")
    elif theirs is None:
        assert ours is None, f"{where}: {ours!r} is not None"
    else:
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs), err_msg=where)
        assert type(ours) is type(theirs), f"{where}: {type(ours)} is not {type(theirs)}"
        assert np.asarray(ours).dtype == np.asarray(theirs).dtype, f"{where}: dtype"


def _without_times(info: dict) -> dict:
    """Infos less the wall-clock episode time ``RecordEpisodeStatistics`` adds ("t"), which no two runs share."""
    return {key: ({k: v for k, v in value.items() if k != "t"} if key == "episode" else value)
            for key, value in info.items()}


# --- AutoresetMode ---------------------------------------------------------------------------------------------------

def test_autoreset_mode_is_gymnasiums_enum_where_it_has_one():
    if HAS_AUTORESET_MODES:
        assert rlgym.AutoresetMode is gymnasium.vector.AutoresetMode
    assert [member.value for member in rlgym.AutoresetMode] == ["NextStep", "SameStep", "Disabled"]


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.name)
@pytest.mark.parametrize("spelling", ["member", "value", "name", "snake"])
def test_make_vec_accepts_the_enum_and_its_names_and_reports_the_member(server_address, mode, spelling):
    given = {"member": mode, "value": mode.value, "name": mode.name, "snake": mode.name.lower()}[spelling]

    with rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address, autoreset_mode=given) as env:
        assert env.metadata["autoreset_mode"] is mode


def test_make_vec_without_a_mode_reports_next_step(server_address):
    with rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address) as env:
        assert env.metadata["autoreset_mode"] is rlgym.AutoresetMode.NEXT_STEP


def test_make_vec_with_an_unknown_mode_names_the_allowed_ones(server_address):
    with pytest.raises(ValueError, match=r"NEXT_STEP \('NextStep'\).*got 'sometimes'"):
        rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address, autoreset_mode="sometimes")


# --- registry, make and make_vec -------------------------------------------------------------------------------------

def test_register_envs_registers_every_served_id_with_its_time_limit(registered, served_ids):
    assert registered == [f"rlgym/{env_id.replace('/', '-')}" for env_id in served_ids]
    spec = gymnasium.spec("rlgym/CartPole-v1")
    assert spec.max_episode_steps == 500 and spec.reward_threshold == 475.0
    assert spec.entry_point == "rlgym.registration:make_env"
    assert spec.vector_entry_point == "rlgym.registration:make_vec_env"


def test_gymnasium_make_wraps_as_for_gymnasiums_own_envs_and_truncates_at_the_limit(registered):
    env = gymnasium.make("rlgym/CartPole-v1", max_episode_steps=7)
    try:
        assert isinstance(env.unwrapped, rlgym.RemoteEnv)
        assert isinstance(env, gymnasium.wrappers.TimeLimit)
        env.reset(seed=1)
        steps = 0
        truncated = terminated = False
        while not (terminated or truncated):
            _, _, terminated, truncated, _ = env.step(steps % 2)  # alternating pushes keep the pole up for 7 steps
            steps += 1
        assert (steps, truncated, terminated) == (7, True, False)
    finally:
        env.close()


def test_gymnasium_make_equals_gymnasiums_own_cartpole(registered):
    ours, theirs = gymnasium.make("rlgym/CartPole-v1"), gymnasium.make("CartPole-v1")
    try:
        theirs.action_space.seed(3)
        _assert_same(ours.reset(seed=3), theirs.reset(seed=3), "reset")
        for step in range(600):
            action = theirs.action_space.sample()
            result = ours.step(action)
            _assert_same(result, theirs.step(action), f"step {step}")
            if result[2] or result[3]:
                _assert_same(ours.reset(), theirs.reset(), f"reset after step {step}")
    finally:
        ours.close()
        theirs.close()


def test_gymnasium_make_vec_creates_one_batched_handle(registered, server_address):
    env = gymnasium.make_vec("rlgym/CartPole-v1", num_envs=4)
    try:
        assert isinstance(env.unwrapped, RemoteVectorEnv)
        assert env.num_envs == 4 and env.unwrapped.shard_sizes == [4]
        assert env.unwrapped.spec.max_episode_steps == 500
        with rlgym.make_vec("CartPole-v1", num_envs=4, address=server_address) as direct:
            _assert_same(env.reset(seed=5), direct.reset(seed=5), "reset")
            actions = np.array([0, 1, 1, 0])
            _assert_same(env.step(actions), direct.step(actions), "step")
    finally:
        env.close()


@pytest.mark.skipif(not HAS_AUTORESET_MODES, reason="Gymnasium 1.0 has no autoreset modes")
def test_gymnasium_make_vec_passes_the_autoreset_mode(registered):
    env = gymnasium.make_vec("rlgym/CartPole-v1", num_envs=2, autoreset_mode=gymnasium.vector.AutoresetMode.SAME_STEP)
    try:
        assert env.metadata["autoreset_mode"] is gymnasium.vector.AutoresetMode.SAME_STEP
    finally:
        env.close()


def test_gymnasium_make_vec_passes_vectorization_and_backend_and_its_spec_keeps_them(registered):
    env = gymnasium.make_vec("rlgym/CartPole-v1", num_envs=2, vectorization="gymnasium", backend="cpu")
    try:
        assert env.unwrapped.vectorization == "gymnasium" and env.unwrapped.backend == "cpu"
        assert env.unwrapped.spec.kwargs["vectorization"] == "gymnasium"
        remade = gymnasium.make_vec(EnvSpec.from_json(env.unwrapped.spec.to_json()))
        try:
            assert remade.unwrapped.vectorization == "gymnasium"
        finally:
            remade.close()
    finally:
        env.close()


# --- specs -----------------------------------------------------------------------------------------------------------

def test_spec_is_a_loadable_gymnasium_envspec_with_the_same_kwargs(server_address):
    with rlgym.make("FrozenLake-v1", address=server_address, is_slippery=False, render_mode="ansi") as env:
        spec = env.spec
        assert isinstance(spec, EnvSpec)
        assert spec.kwargs == {"env_id": "FrozenLake-v1", "address": server_address, "render_mode": "ansi",
                               "is_slippery": False}
        assert spec.max_episode_steps == 100
        expected = env.reset(seed=4)
        actions = [2, 2, 1, 1, 1, 2]
        trajectory = [env.step(action) for action in actions]

        for made in (gymnasium.make(spec), spec.make(), gymnasium.make(EnvSpec.from_json(spec.to_json()))):
            try:
                assert isinstance(made.unwrapped, rlgym.RemoteEnv)
                assert made.unwrapped.handle != env.handle
                assert made.spec.kwargs == spec.kwargs and made.spec.max_episode_steps == 100
                assert made.render_mode == "ansi"
                _assert_same(made.reset(seed=4), expected, "reset")
                for index, action in enumerate(actions):
                    _assert_same(made.step(action), trajectory[index], f"step {index}")
                assert made.render() == env.render()
            finally:
                made.close()


def test_spec_never_holds_an_api_key_it_was_not_given(server_address, monkeypatch):
    monkeypatch.setenv("RLGYM_API_KEY", "secret-from-the-environment")
    with rlgym.make("CartPole-v1", address=server_address) as env:
        assert "api_key" not in env.spec.kwargs and "secret" not in env.spec.to_json()


def test_vector_spec_recreates_the_vector_env(server_address):
    mode = rlgym.AutoresetMode.NEXT_STEP if not HAS_AUTORESET_MODES else rlgym.AutoresetMode.SAME_STEP
    with rlgym.make_vec("CartPole-v1", num_envs=3, address=server_address, autoreset_mode=mode) as env:
        made = gymnasium.make_vec(EnvSpec.from_json(env.spec.to_json()))
        try:
            assert isinstance(made.unwrapped, RemoteVectorEnv) and made.num_envs == 3
            assert made.metadata["autoreset_mode"] is mode
            _assert_same(made.reset(seed=2), env.reset(seed=2), "reset")
        finally:
            made.close()


# --- check_env -------------------------------------------------------------------------------------------------------

def _check(env) -> list[str]:
    """check_env's warnings other than its remarks on Gymnasium's own spaces (see GYMNASIUM_SPACE_REMARKS)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env)
    return [str(warning.message) for warning in caught
            if not any(remark in str(warning.message) for remark in GYMNASIUM_SPACE_REMARKS)]


def test_check_env_passes_on_every_served_env(server_address, served_ids):
    for env_id in served_ids:
        with rlgym.make(env_id, address=server_address) as env:
            assert _check(env) == [], env_id


def test_check_env_passes_on_every_registered_env(registered):
    for gym_id in registered:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # "CartPole-v0 is out of date", as for Gymnasium's
            env = gymnasium.make(gym_id)
        try:
            remarks = [remark for remark in _check(env) if "different from the unwrapped version" not in remark]
            assert remarks == [], gym_id
        finally:
            env.close()


# --- vector wrappers, in every autoreset mode, against Gymnasium's own envs -------------------------------------------

def _gymnasium_vector(env_id: str, num_envs: int, mode, **kwargs):
    vector_kwargs = {"autoreset_mode": mode} if HAS_AUTORESET_MODES else {}
    return gymnasium.make_vec(env_id, num_envs=num_envs, vectorization_mode="sync", vector_kwargs=vector_kwargs,
                              **kwargs)


def _wrapped(env, mode):
    """The statistics and normalisation wrappers Gymnasium allows in ``mode`` (its observation wrappers assume
    next-step autoreset and refuse the others)."""
    env = vector_wrappers.RecordEpisodeStatistics(env)
    if mode is rlgym.AutoresetMode.NEXT_STEP:
        env = vector_wrappers.NormalizeObservation(env)
    return vector_wrappers.NormalizeReward(env)


def _random_actions(env, generator: np.random.Generator, steps: int) -> list[np.ndarray]:
    """Batches of random actions; for Box spaces up to three times beyond the bounds (ClipAction's work)."""
    space, count = env.single_action_space, env.num_envs
    return [generator.integers(0, space.n, size=count) if hasattr(space, "n") else
            generator.uniform(-3.0, 3.0, size=(count, *space.shape)).astype(space.dtype) for _ in range(steps)]


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.name)
def test_vector_wrappers_on_a_served_vector_env_equal_gymnasiums_own(server_address, mode):
    num_envs, limit = 4, 40
    ours = _wrapped(rlgym.make_vec("CartPole-v1", num_envs=num_envs, address=server_address, autoreset_mode=mode,
                                   max_episode_steps=limit), mode)
    theirs = _wrapped(_gymnasium_vector("CartPole-v1", num_envs, mode, max_episode_steps=limit), mode)
    try:
        assert ours.metadata["autoreset_mode"] == theirs.metadata.get("autoreset_mode", ours.metadata["autoreset_mode"])
        _assert_same(ours.reset(seed=11), theirs.reset(seed=11), "reset")
        episodes = 0
        lengths = np.zeros(num_envs, dtype=int)  # steps since each copy's episode began (CartPole: its return too)
        for step, actions in enumerate(_random_actions(ours, np.random.default_rng(0), 3 * limit)):
            observations, rewards, terminations, truncations, infos = ours.step(actions)
            expected = theirs.step(actions)
            lengths += 1
            done = terminations | truncations
            _assert_same((observations, rewards, terminations, truncations), expected[:4], f"step {step}")
            if mode is rlgym.AutoresetMode.DISABLED:
                # Gymnasium's SyncVectorEnv pops "reset_mask" from the options, so its RecordEpisodeStatistics then
                # restarts every copy's statistics at a masked reset; ours keeps the others' running.
                statistics = infos.pop("episode", None), expected[4].pop("episode", None)
                if done.any():
                    np.testing.assert_array_equal(statistics[0]["l"][done], lengths[done], err_msg=f"step {step}")
                    np.testing.assert_array_equal(statistics[0]["r"][done], lengths[done], err_msg=f"step {step}")
                    infos.pop("_episode")
                    expected[4].pop("_episode")
            _assert_same(_without_times(infos), _without_times(expected[4]), f"step {step} infos")
            episodes += int(np.sum(done))
            lengths[done] = 0
            if mode is rlgym.AutoresetMode.DISABLED and done.any():
                _assert_same(ours.reset(options={"reset_mask": done}), theirs.reset(options={"reset_mask": done}),
                             f"masked reset after step {step}")
        assert episodes >= num_envs  # the statistics wrapper saw whole episodes end
    finally:
        ours.close()
        theirs.close()


@pytest.mark.skipif(not HAS_AUTORESET_MODES, reason="Gymnasium 1.0 has no autoreset modes")
def test_observation_wrappers_refuse_same_step_as_on_gymnasiums_own(server_address):
    mode = rlgym.AutoresetMode.SAME_STEP
    with rlgym.make_vec("CartPole-v1", num_envs=2, address=server_address, autoreset_mode=mode) as ours:
        theirs = _gymnasium_vector("CartPole-v1", 2, mode)
        for env in (ours, theirs):
            with pytest.raises(AssertionError):
                vector_wrappers.NormalizeObservation(env)
        theirs.close()


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.name)
def test_clip_action_on_a_served_continuous_env_sends_the_clipped_actions(server_address, mode):
    # Gymnasium's own MountainCarContinuous is no reference here: the server follows NumPy 2's promotion rules
    # (see the README), this interpreter's NumPy 1.x differs in the last bit of the velocity.
    def make():
        return rlgym.make_vec("MountainCarContinuous-v0", num_envs=3, address=server_address, autoreset_mode=mode,
                              max_episode_steps=25)

    clipped, plain = vector_wrappers.RecordEpisodeStatistics(vector_wrappers.ClipAction(make())), make()
    try:
        _assert_same(clipped.reset(seed=8), plain.reset(seed=8), "reset")
        for step, actions in enumerate(_random_actions(clipped, np.random.default_rng(1), 60)):
            result = clipped.step(actions)
            expected = plain.step(np.clip(actions, -1.0, 1.0))
            _assert_same(result[:4], expected[:4], f"step {step}")
            assert np.array_equal(result[4].get("_episode", np.zeros(3, bool)), expected[2] | expected[3])
            done = result[2] | result[3]
            if mode is rlgym.AutoresetMode.DISABLED and done.any():
                clipped.reset(options={"reset_mask": done})
                plain.reset(options={"reset_mask": done})
    finally:
        clipped.close()
        plain.close()
