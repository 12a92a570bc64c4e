"""Minimal stand-ins for ``gymnasium.spaces``, used only when Gymnasium is not importable.

They keep Gymnasium's attributes, ``contains`` rules and sampling draws (seeded the way
``gymnasium.utils.seeding.np_random`` seeds: ``numpy.random.default_rng(seed)``), so code written
against Gymnasium's spaces runs unchanged and samples the same values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def _np_random(seed: int | None) -> tuple[np.random.Generator, int]:
    if seed is not None and not (isinstance(seed, (int, np.integer)) and seed >= 0):
        raise ValueError(f"Seed must be a non-negative Python int or None, got {seed!r}")
    seed_seq = np.random.SeedSequence(None if seed is None else int(seed))
    return np.random.Generator(np.random.PCG64(seed_seq)), int(seed_seq.entropy)


class Space:
    """Base class: shape, dtype and a seedable generator, as ``gymnasium.spaces.Space``."""

    def __init__(self, shape: Sequence[int] | None = None, dtype: Any = None, seed: int | None = None):
        self._shape = None if shape is None else tuple(int(dim) for dim in shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self._np_random: np.random.Generator | None = None
        if seed is not None:
            self.seed(seed)

    @property
    def shape(self) -> tuple[int, ...] | None:
        """The shape of the space's values (``None`` for composite spaces)."""
        return self._shape

    @property
    def np_random(self) -> np.random.Generator:
        """The generator ``sample`` draws from; seeded from entropy on first use."""
        if self._np_random is None:
            self.seed()
        assert self._np_random is not None
        return self._np_random

    @property
    def is_np_flattenable(self) -> bool:
        """Whether values flatten to one NumPy array."""
        return True

    def seed(self, seed: int | None = None) -> Any:
        """Seeds the space's generator and returns the seed used."""
        self._np_random, used = _np_random(seed)
        return used

    def sample(self, mask: Any = None, probability: Any = None) -> Any:
        """Draws a random element of the space."""
        raise NotImplementedError

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is an element of the space."""
        raise NotImplementedError

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)


class Box(Space):
    """An array of ``shape`` with element-wise bounds ``[low, high]`` (``gymnasium.spaces.Box``)."""

    def __init__(self, low: Any, high: Any, shape: Sequence[int] | None = None, dtype: Any = np.float32,
                 seed: int | None = None):
        dtype = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) > 0 else np.shape(high)
        shape = tuple(int(dim) for dim in shape)
        self.low = np.full(shape, low, dtype=dtype) if np.ndim(low) == 0 else np.asarray(low, dtype=dtype).copy()
        self.high = np.full(shape, high, dtype=dtype) if np.ndim(high) == 0 else np.asarray(high, dtype=dtype).copy()
        if self.low.shape != shape or self.high.shape != shape:
            raise ValueError(f"Box low {self.low.shape} and high {self.high.shape} must have shape {shape}")
        kind_inf = dtype.kind == "f"
        self.bounded_below = -np.inf < self.low if kind_inf else np.full(shape, True)
        self.bounded_above = np.inf > self.high if kind_inf else np.full(shape, True)
        super().__init__(shape, dtype, seed)

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of the space's arrays."""
        assert self._shape is not None
        return self._shape

    def is_bounded(self, manner: str = "both") -> bool:
        """Whether every element is bounded ("both", "below" or "above")."""
        below = bool(np.all(self.bounded_below))
        above = bool(np.all(self.bounded_above))
        if manner == "both":
            return below and above
        if manner == "below":
            return below
        if manner == "above":
            return above
        raise ValueError(f"manner must be 'both', 'below' or 'above', got {manner!r}")

    def sample(self, mask: Any = None, probability: Any = None) -> np.ndarray:
        """Uniform where bounded, shifted exponential where half-bounded, normal where unbounded."""
        if mask is not None or probability is not None:
            raise ValueError("Box.sample cannot be masked")
        assert self.dtype is not None
        high = self.high if self.dtype.kind == "f" else self.high.astype("int64") + 1
        sample = np.empty(self.shape)
        unbounded = ~self.bounded_below & ~self.bounded_above
        upp_bounded = ~self.bounded_below & self.bounded_above
        low_bounded = self.bounded_below & ~self.bounded_above
        bounded = self.bounded_below & self.bounded_above
        sample[unbounded] = self.np_random.normal(size=unbounded[unbounded].shape)
        sample[low_bounded] = self.np_random.exponential(size=low_bounded[low_bounded].shape) + self.low[low_bounded]
        sample[upp_bounded] = -self.np_random.exponential(size=upp_bounded[upp_bounded].shape) + high[upp_bounded]
        sample[bounded] = self.np_random.uniform(low=self.low[bounded], high=high[bounded],
                                                 size=bounded[bounded].shape)
        if self.dtype.kind in "iub":
            sample = np.floor(sample)
        return sample.astype(self.dtype)

    def contains(self, x: Any) -> bool:
        """Whether ``x`` has the space's shape, a castable dtype and lies within the bounds."""
        if not isinstance(x, np.ndarray):
            try:
                x = np.asarray(x, dtype=self.dtype)
            except (ValueError, TypeError):
                return False
        return bool(np.can_cast(x.dtype, self.dtype) and x.shape == self.shape
                    and np.all(x >= self.low) and np.all(x <= self.high))

    def __repr__(self) -> str:
        return f"Box({self.low}, {self.high}, {self.shape}, {self.dtype})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Box) and self.shape == other.shape and self.dtype == other.dtype
                and np.array_equal(self.low, other.low) and np.array_equal(self.high, other.high))


class Discrete(Space):
    """The integers ``{start, ..., start + n - 1}`` (``gymnasium.spaces.Discrete``)."""

    def __init__(self, n: int, seed: int | None = None, start: int = 0):
        if int(n) <= 0:
            raise ValueError(f"Discrete n must be positive, got {n}")
        self.n = np.int64(n)
        self.start = np.int64(start)
        super().__init__((), np.int64, seed)

    def sample(self, mask: Any = None, probability: Any = None) -> np.int64:
        """A uniform draw, or a uniform draw among ``mask == 1``, or a draw with ``probability``."""
        if mask is not None:
            valid = np.asarray(mask) == 1
            if np.any(valid):
                return self.start + self.np_random.choice(np.where(valid)[0])
            return self.start
        if probability is not None:
            return self.start + self.np_random.choice(np.arange(self.n), p=np.asarray(probability))
        return self.start + self.np_random.integers(self.n)

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is an integer (Python or NumPy scalar) in range."""
        if isinstance(x, int) and not isinstance(x, bool):
            value = np.int64(x)
        elif isinstance(x, (np.generic, np.ndarray)) and np.issubdtype(x.dtype, np.integer) and x.shape == ():
            value = np.int64(x)
        else:
            return False
        return bool(self.start <= value < self.start + self.n)

    def __repr__(self) -> str:
        return f"Discrete({self.n})" if self.start == 0 else f"Discrete({self.n}, start={self.start})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Discrete) and self.n == other.n and self.start == other.start


class MultiDiscrete(Space):
    """An integer array whose element i lies in ``[start[i], start[i] + nvec[i])``."""

    def __init__(self, nvec: Any, dtype: Any = np.int64, seed: int | None = None, start: Any = None):
        self.nvec = np.array(nvec, dtype=dtype, copy=True)
        self.start = (np.zeros(self.nvec.shape, dtype=dtype) if start is None
                      else np.array(start, dtype=dtype, copy=True))
        if self.start.shape != self.nvec.shape:
            raise ValueError(f"MultiDiscrete start shape {self.start.shape} != nvec shape {self.nvec.shape}")
        if not np.all(self.nvec > 0):
            raise ValueError("MultiDiscrete nvec must be positive")
        super().__init__(self.nvec.shape, dtype, seed)

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``nvec``."""
        assert self._shape is not None
        return self._shape

    def sample(self, mask: Any = None, probability: Any = None) -> np.ndarray:
        """A uniform draw per element."""
        if mask is not None or probability is not None:
            raise ValueError("This MultiDiscrete stand-in cannot be sampled with a mask")
        return (self.np_random.random(self.nvec.shape) * self.nvec).astype(self.dtype) + self.start

    def contains(self, x: Any) -> bool:
        """Whether ``x`` has the space's shape and every element is in range."""
        if isinstance(x, Sequence):
            x = np.array(x)
        return bool(isinstance(x, np.ndarray) and x.shape == self.shape and x.dtype != object
                    and np.all(self.start <= x) and np.all(x - self.start < self.nvec))

    def __repr__(self) -> str:
        return f"MultiDiscrete({self.nvec})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, MultiDiscrete) and np.array_equal(self.nvec, other.nvec)
                and np.array_equal(self.start, other.start))


class MultiBinary(Space):
    """An int8 array of 0/1 values (``gymnasium.spaces.MultiBinary``)."""

    def __init__(self, n: int | Sequence[int], seed: int | None = None):
        self.n = n
        shape = (int(n),) if isinstance(n, (int, np.integer)) else tuple(int(dim) for dim in n)
        super().__init__(shape, np.int8, seed)

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of the space's arrays."""
        assert self._shape is not None
        return self._shape

    def sample(self, mask: Any = None, probability: Any = None) -> np.ndarray:
        """A uniform 0/1 draw per element."""
        if mask is not None or probability is not None:
            raise ValueError("This MultiBinary stand-in cannot be sampled with a mask")
        return self.np_random.integers(low=0, high=2, size=self.shape, dtype=self.dtype)

    def contains(self, x: Any) -> bool:
        """Whether ``x`` has the space's shape and holds only zeros and ones."""
        if isinstance(x, Sequence):
            x = np.array(x)
        return bool(isinstance(x, np.ndarray) and self.shape == x.shape and np.all(np.logical_or(x == 0, x == 1)))

    def __repr__(self) -> str:
        return f"MultiBinary({self.n})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MultiBinary) and self.shape == other.shape


class Tuple(Space):
    """An ordered tuple of subspaces (``gymnasium.spaces.Tuple``)."""

    def __init__(self, spaces: Sequence[Space], seed: int | None = None):
        self.spaces = tuple(spaces)
        super().__init__(None, None, None)
        if seed is not None:
            self.seed(seed)

    @property
    def is_np_flattenable(self) -> bool:
        """Whether every subspace flattens."""
        return all(space.is_np_flattenable for space in self.spaces)

    def seed(self, seed: int | None = None) -> Any:
        """Seeds its own generator with ``seed``, then each subspace with a draw from it."""
        if seed is None:
            return tuple(space.seed(None) for space in self.spaces)
        super().seed(seed)
        subseeds = self.np_random.integers(np.iinfo(np.int32).max, size=len(self.spaces))
        return tuple(space.seed(int(subseed)) for space, subseed in zip(self.spaces, subseeds))

    def sample(self, mask: Any = None, probability: Any = None) -> tuple:
        """One sample per subspace."""
        if mask is not None or probability is not None:
            raise ValueError("This Tuple stand-in cannot be sampled with a mask")
        return tuple(space.sample() for space in self.spaces)

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is a tuple whose items lie in the subspaces."""
        if isinstance(x, (list, np.ndarray)):
            x = tuple(x)
        return (isinstance(x, tuple) and len(x) == len(self.spaces)
                and all(space.contains(part) for space, part in zip(self.spaces, x)))

    def __getitem__(self, index: int) -> Space:
        return self.spaces[index]

    def __len__(self) -> int:
        return len(self.spaces)

    def __repr__(self) -> str:
        return "Tuple(" + ", ".join(str(space) for space in self.spaces) + ")"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tuple) and self.spaces == other.spaces


class Dict(Space, Mapping):
    """Named subspaces in order (``gymnasium.spaces.Dict``)."""

    def __init__(self, spaces: Mapping[str, Space] | Sequence[tuple[str, Space]] | None = None,
                 seed: int | None = None, **spaces_kwargs: Space):
        items = dict(spaces.items()) if isinstance(spaces, Mapping) else dict(spaces or [])
        items.update(spaces_kwargs)
        self.spaces = items
        super().__init__(None, None, None)
        if seed is not None:
            self.seed(seed)

    @property
    def is_np_flattenable(self) -> bool:
        """Whether every subspace flattens."""
        return all(space.is_np_flattenable for space in self.spaces.values())

    def seed(self, seed: int | None = None) -> Any:
        """Seeds its own generator with ``seed``, then each subspace with a draw from it."""
        if seed is None:
            return {key: space.seed(None) for key, space in self.spaces.items()}
        super().seed(seed)
        subseeds = self.np_random.integers(np.iinfo(np.int32).max, size=len(self.spaces))
        return {key: space.seed(int(subseed)) for (key, space), subseed in zip(self.spaces.items(), subseeds)}

    def sample(self, mask: Any = None, probability: Any = None) -> dict:
        """One sample per key."""
        if mask is not None or probability is not None:
            raise ValueError("This Dict stand-in cannot be sampled with a mask")
        return {key: space.sample() for key, space in self.spaces.items()}

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is a dict with exactly the space's keys and contained values."""
        return (isinstance(x, dict) and x.keys() == self.spaces.keys()
                and all(space.contains(x[key]) for key, space in self.spaces.items()))

    def __getitem__(self, key: str) -> Space:
        return self.spaces[key]

    def __iter__(self):
        return iter(self.spaces)

    def __len__(self) -> int:
        return len(self.spaces)

    def __repr__(self) -> str:
        return "Dict(" + ", ".join(f"{key!r}: {space}" for key, space in self.spaces.items()) + ")"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dict) and self.spaces == other.spaces

    __hash__ = None  # type: ignore[assignment]
