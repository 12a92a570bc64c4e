"""rlgym.spaces (Gymnasium's, or the stand-ins without it): contains rules, and seeded samples equal
to the draws Gymnasium recorded in ../shared/fixtures/gymnasium/numpy_rng.json."""

import inspect
import json
import re
import numpy as np
import pytest

from rlgym import spaces
from rlgym._compat import batch_space

from support import FIXTURES_DIR as FIXTURES


def _space_for(name):
    """Builds the space a numpy_rng.json entry names."""
    if match := re.fullmatch(r"Discrete\((\d+)(?:,start=(-?\d+))?\)", name):
        return spaces.Discrete(int(match[1]), start=int(match[2] or 0))
    if "Pendulum" in name:
        return spaces.Box(-2.0, 2.0, shape=(1,), dtype=np.float32)
    if "MountainCarContinuous" in name:
        return spaces.Box(-1.0, 1.0, shape=(1,), dtype=np.float32)
    if "CartPole" in name:
        high = np.array([4.8, np.inf, 0.41887903, np.inf], dtype=np.float32)
        return spaces.Box(-high, high, dtype=np.float32)
    if "half-bounded" in name:
        return spaces.Box(low=np.array([0.0, -np.inf]), high=np.array([np.inf, 5.0]), dtype=np.float64)
    if "Blackjack" in name:
        return spaces.Tuple((spaces.Discrete(32), spaces.Discrete(11), spaces.Discrete(2)))
    raise AssertionError(f"unknown fixture space {name}")


def _space_cases():
    path = FIXTURES / "numpy_rng.json"
    if not path.exists():
        return []
    return json.loads(path.read_text())["spaces"]


@pytest.mark.parametrize("case", _space_cases(), ids=lambda c: f"{c['space']}-seed{c['seed']}")
def test_seeded_samples_equal_gymnasium(case):
    space = _space_for(case["space"])

    seed_return = space.seed(case["seed"])
    samples = [space.sample() for _ in case["samples"]]

    if isinstance(space, spaces.Tuple):
        assert list(seed_return) == case["seed_return"]
        assert [tuple(int(v) for v in s) for s in samples] == [tuple(s) for s in case["samples"]]
    elif isinstance(space, spaces.Discrete):
        assert seed_return == case["seed_return"]
        assert [int(s) for s in samples] == case["samples"]
        assert all(isinstance(s, np.int64) for s in samples)
    else:
        assert seed_return == case["seed_return"]
        expected = np.array(case["samples"], dtype=space.dtype)
        np.testing.assert_array_equal(np.stack(samples), expected)
        assert all(s.dtype == space.dtype and space.contains(s) for s in samples)


def _mask_cases():
    path = FIXTURES / "numpy_rng.json"
    return json.loads(path.read_text())["discrete_mask_probability"] if path.exists() else []


@pytest.mark.parametrize("case", _mask_cases(), ids=lambda c: f"seed{c['seed']}")
def test_discrete_masked_and_probability_samples_equal_gymnasium(case):
    space = spaces.Discrete(6)
    if "probability" not in inspect.signature(space.sample).parameters:
        pytest.skip("this Gymnasium's Discrete.sample has no probability argument (it came in 1.1)")

    space.seed(case["seed"])
    masked = [int(space.sample(mask=np.array(case["mask"], dtype=np.int8))) for _ in case["masked_samples"]]
    space.seed(case["seed"])
    weighted = [int(space.sample(probability=np.array(case["probability"]))) for _ in case["probability_samples"]]

    assert masked == case["masked_samples"]
    assert weighted == case["probability_samples"]


def test_discrete_contains_integers_in_range_only():
    space = spaces.Discrete(5, start=-2)

    assert space.contains(-2) and space.contains(np.int32(2)) and space.contains(np.array(0))
    assert not space.contains(3)
    assert not space.contains(1.0)
    assert not space.contains(np.array([0]))
    assert not space.contains("1")


def test_box_contains_checks_shape_bounds_and_dtype():
    high = np.array([4.8, np.inf, 0.41887903, np.inf], dtype=np.float32)
    space = spaces.Box(-high, high, dtype=np.float32)

    assert space.contains(np.zeros(4, dtype=np.float32))
    assert np.zeros(4, dtype=np.float32) in space
    assert not space.contains(np.zeros(3, dtype=np.float32))
    assert not space.contains(np.array([5.0, 0, 0, 0], dtype=np.float32))
    assert not space.contains(np.zeros(4, dtype=np.float64))  # float64 does not cast safely to float32
    assert space.shape == (4,) and space.dtype == np.float32
    assert space.is_bounded("below") is False


def test_multi_discrete_multi_binary_tuple_and_dict_contains():
    assert spaces.MultiDiscrete([2, 3]).contains(np.array([1, 2]))
    assert not spaces.MultiDiscrete([2, 3]).contains(np.array([2, 0]))
    assert spaces.MultiBinary(3).contains(np.array([0, 1, 1], dtype=np.int8))
    assert not spaces.MultiBinary(3).contains(np.array([0, 2, 1]))
    blackjack = spaces.Tuple((spaces.Discrete(32), spaces.Discrete(11), spaces.Discrete(2)))
    assert blackjack.contains((14, 10, 0)) and not blackjack.contains((14, 11, 0))
    both = spaces.Dict({"a": spaces.Discrete(2), "b": spaces.Box(0, 1, shape=(2,))})
    assert both.contains({"a": 1, "b": np.array([0.5, 0.5], dtype=np.float32)})
    assert not both.contains({"a": 1})


def test_samples_of_every_space_kind_are_contained():
    for space in [spaces.MultiDiscrete([2, 3], start=[-1, 5]), spaces.MultiBinary([2, 2]),
                  spaces.Box(0, 255, shape=(4, 4, 3), dtype=np.uint8),
                  spaces.Dict({"a": spaces.Discrete(2), "b": spaces.Box(-1, 1, shape=(2,))})]:
        space.seed(0)
        for _ in range(20):
            assert space.contains(space.sample()), space


def test_batch_space_stacks_copies():
    high = np.array([4.8, np.inf], dtype=np.float32)
    batched_box = batch_space(spaces.Box(-high, high, dtype=np.float32), 3)
    batched_discrete = batch_space(spaces.Discrete(2), 3)

    assert batched_box.shape == (3, 2) and batched_box.dtype == np.float32
    assert isinstance(batched_discrete, spaces.MultiDiscrete)
    np.testing.assert_array_equal(batched_discrete.nvec, [2, 2, 2])
