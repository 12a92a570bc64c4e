"""Gymnasium when importable, small compatible stand-ins otherwise.

Everything else in the package imports ``Env``, ``VectorEnv``, ``spaces`` and ``batch_space`` from
here, so a user with Gymnasium gets real ``gymnasium.Env`` subclasses and ``gymnasium.spaces``.
"""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

try:
    import gymnasium
    from gymnasium import spaces
    from gymnasium.vector.utils import batch_space

    HAVE_GYMNASIUM = True
    Env = gymnasium.Env
    VectorEnv = gymnasium.vector.VectorEnv
except ImportError:
    gymnasium = None
    from rlgym import _fallback_spaces as spaces  # type: ignore[no-redef]

    HAVE_GYMNASIUM = False

    class Env:  # type: ignore[no-redef]
        """Stand-in for ``gymnasium.Env``: the same attributes and methods."""

        metadata: dict[str, Any] = {"render_modes": []}
        render_mode: str | None = None
        spec: Any = None
        action_space: Any
        observation_space: Any

        def step(self, action: Any) -> tuple[Any, Any, bool, bool, dict[str, Any]]:
            """Runs one timestep: (observation, reward, terminated, truncated, info)."""
            raise NotImplementedError

        def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Any, dict]:
            """Starts an episode: (observation, info)."""
            raise NotImplementedError

        def render(self) -> Any:
            """Renders per ``render_mode``."""
            raise NotImplementedError

        def close(self) -> None:
            """Frees resources."""

        @property
        def unwrapped(self) -> "Env":
            """The innermost environment: this one."""
            return self

        def get_wrapper_attr(self, name: str) -> Any:
            """Gets an attribute (there are no wrappers in between)."""
            return getattr(self, name)

        def has_wrapper_attr(self, name: str) -> bool:
            """Whether the attribute exists."""
            return hasattr(self, name)

        def set_wrapper_attr(self, name: str, value: Any, *, force: bool = True) -> bool:
            """Sets an attribute."""
            setattr(self, name, value)
            return True

        def __str__(self) -> str:
            return f"<{type(self).__name__}<{self.spec.id if self.spec else ''}>>"

        def __enter__(self) -> "Env":
            return self

        def __exit__(self, *args: Any) -> bool:
            self.close()
            return False

    class VectorEnv:  # type: ignore[no-redef]
        """Stand-in for ``gymnasium.vector.VectorEnv``."""

        metadata: dict[str, Any] = {}
        spec: Any = None
        render_mode: str | None = None
        closed: bool = False
        num_envs: int
        observation_space: Any
        action_space: Any
        single_observation_space: Any
        single_action_space: Any

        def reset(self, *, seed: Any = None, options: dict[str, Any] | None = None) -> tuple[Any, dict]:
            """Resets every copy: (observations, infos)."""
            raise NotImplementedError

        def step(self, actions: Any) -> tuple[Any, Any, Any, Any, dict[str, Any]]:
            """Steps every copy."""
            raise NotImplementedError

        def render(self) -> Any:
            """Renders every copy."""
            raise NotImplementedError

        def close(self, **kwargs: Any) -> None:
            """Frees resources."""
            self.closed = True

        @property
        def unwrapped(self) -> "VectorEnv":
            """The innermost environment: this one."""
            return self

        def __enter__(self) -> "VectorEnv":
            return self

        def __exit__(self, *args: Any) -> bool:
            self.close()
            return False

    def batch_space(space: Any, n: int = 1) -> Any:  # type: ignore[misc]
        """The space of ``n`` stacked values of ``space`` (``gymnasium.vector.utils.batch_space``)."""
        if isinstance(space, spaces.Box):
            low = np.repeat(space.low[np.newaxis], n, axis=0)
            high = np.repeat(space.high[np.newaxis], n, axis=0)
            return spaces.Box(low=low, high=high, dtype=space.dtype)
        if isinstance(space, spaces.Discrete):
            return spaces.MultiDiscrete(np.full((n,), space.n, dtype=space.dtype),
                                        dtype=space.dtype, start=np.full((n,), space.start, dtype=space.dtype))
        if isinstance(space, spaces.MultiDiscrete):
            reps = (n,) + (1,) * space.nvec.ndim
            return spaces.MultiDiscrete(np.tile(space.nvec, reps), dtype=space.dtype,
                                        start=np.tile(space.start, reps))
        if isinstance(space, spaces.MultiBinary):
            return spaces.Box(low=0, high=1, shape=(n,) + space.shape, dtype=space.dtype)
        if isinstance(space, spaces.Tuple):
            return spaces.Tuple(tuple(batch_space(sub, n) for sub in space.spaces))
        if isinstance(space, spaces.Dict):
            return spaces.Dict({key: batch_space(sub, n) for key, sub in space.spaces.items()})
        raise TypeError(f"Cannot batch space {space!r}")


class _FallbackAutoresetMode(enum.Enum):
    """``gymnasium.vector.AutoresetMode`` for Gymnasium 1.0 (which has none) and for no Gymnasium: same members and values."""

    NEXT_STEP = "NextStep"
    SAME_STEP = "SameStep"
    DISABLED = "Disabled"


AutoresetMode: Any = getattr(gymnasium.vector, "AutoresetMode", _FallbackAutoresetMode) if HAVE_GYMNASIUM \
    else _FallbackAutoresetMode
"""Gymnasium's ``AutoresetMode`` enum where it has one (1.1+), else a stand-in with the same members and values."""


def autoreset_mode(mode: Any) -> Any:
    """The ``AutoresetMode`` member for a member of either enum or a name: "next_step", "NextStep", "NEXT_STEP"..."""
    if isinstance(mode, enum.Enum):
        mode = mode.value
    if isinstance(mode, str):
        wanted = mode.replace("_", "").replace("-", "").lower()
        for member in AutoresetMode:
            if member.value.lower() == wanted:
                return member
    names = ", ".join(f"{m.name} ({m.value!r})" for m in AutoresetMode)
    raise ValueError(f"autoreset_mode must be an AutoresetMode or one of its names, {names}; got {mode!r}")


@dataclass
class EnvSpec:
    """The registration data of a served environment (the fields of ``gymnasium.envs.registration.EnvSpec``)."""

    id: str
    entry_point: str = ""
    reward_threshold: float | None = None
    nondeterministic: bool = False
    max_episode_steps: int | None = None
    order_enforce: bool = True
    disable_env_checker: bool = True
    kwargs: dict[str, Any] = field(default_factory=dict)
    namespace: str | None = None
    name: str = ""
    version: int | None = None

    vector_entry_point: str | None = None

    @property
    def has_vector_entry_point(self) -> bool:
        """Whether the id has a batched implementation (``make_vec`` creates one handle, not copies)."""
        return self.vector_entry_point is not None

    def __post_init__(self) -> None:
        namespace, _, rest = self.id.rpartition("/")
        name, _, version = rest.rpartition("-v")
        self.namespace = namespace or None
        self.name = name if name and version.isdigit() else rest
        self.version = int(version) if name and version.isdigit() else None

    def make(self, **kwargs: Any) -> Any:
        """Creates the environment this spec describes (``gymnasium.envs.registration.EnvSpec.make``)."""
        from rlgym.registration import make_from_spec

        return make_from_spec(self, **kwargs)

    def to_json(self) -> str:
        """The spec as JSON (``EnvSpec.to_json``): its constructor fields."""
        fields = asdict(self)
        for derived in ("namespace", "name", "version"):
            fields.pop(derived)
        return json.dumps(fields)

    @staticmethod
    def from_json(text: str) -> "EnvSpec":
        """The spec ``to_json`` wrote."""
        return EnvSpec(**json.loads(text))


__all__ = ["HAVE_GYMNASIUM", "AutoresetMode", "Env", "EnvSpec", "VectorEnv", "autoreset_mode", "batch_space", "gymnasium",
           "spaces"]
