"""Conversions between protocol messages and the Python/NumPy values Gymnasium uses.

Tensors decode with ``numpy.frombuffer`` and are copied, so every array handed out is writable
and owns its memory. Scalars keep their Python type: ``int_value`` -> int, ``double_value`` -> float.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from rlgym._compat import spaces
from rlgym._proto.rlgym.v1 import environments_pb2 as env_pb
from rlgym._proto.rlgym.v1 import spaces_pb2 as spaces_pb
from rlgym._proto.rlgym.v1 import tensor_pb2 as tensor_pb
from rlgym._proto.rlgym.v1 import values_pb2 as values_pb
from rlgym.errors import InvalidArgumentError

_DTYPES: dict[int, np.dtype] = {
    tensor_pb.DTYPE_FLOAT32: np.dtype("<f4"),
    tensor_pb.DTYPE_FLOAT64: np.dtype("<f8"),
    tensor_pb.DTYPE_INT8: np.dtype("i1"),
    tensor_pb.DTYPE_INT16: np.dtype("<i2"),
    tensor_pb.DTYPE_INT32: np.dtype("<i4"),
    tensor_pb.DTYPE_INT64: np.dtype("<i8"),
    tensor_pb.DTYPE_UINT8: np.dtype("u1"),
    tensor_pb.DTYPE_UINT16: np.dtype("<u2"),
    tensor_pb.DTYPE_UINT32: np.dtype("<u4"),
    tensor_pb.DTYPE_UINT64: np.dtype("<u8"),
    tensor_pb.DTYPE_BOOL: np.dtype("?"),
}
_DTYPE_CODES: dict[str, int] = {dtype.str.lstrip("<|"): code for code, dtype in _DTYPES.items()}


def numpy_dtype(code: int) -> np.dtype:
    """The NumPy dtype of a protocol ``DType``."""
    try:
        return _DTYPES[code]
    except KeyError:
        name = tensor_pb.DType.Name(code) if code in tensor_pb.DType.values() else str(code)
        raise ValueError(f"Unsupported tensor dtype {name}; "
                         f"supported: {', '.join(tensor_pb.DType.Name(c) for c in _DTYPES)}") from None


def dtype_code(dtype: Any) -> int:
    """The protocol ``DType`` of a NumPy dtype."""
    dtype = np.dtype(dtype)
    code = _DTYPE_CODES.get(dtype.newbyteorder("<").str.lstrip("<|"))
    if code is None:
        raise ValueError(f"Arrays of dtype {dtype} cannot be sent; supported: "
                         f"{', '.join(str(d) for d in _DTYPES.values())}")
    return code


def tensor_to_ndarray(tensor: tensor_pb.Tensor) -> np.ndarray:
    """A writable, owned ndarray of the tensor's dtype and shape."""
    dtype = numpy_dtype(tensor.dtype)
    shape = tuple(tensor.shape)
    count = math.prod(shape)  # Python ints: no overflow, and a tenth of np.prod's cost on these tiny shapes
    if len(tensor.data) != count * dtype.itemsize:
        raise ValueError(f"Tensor data has {len(tensor.data)} bytes; shape {list(shape)} of {dtype} needs "
                         f"{count * dtype.itemsize}")
    # frombuffer views the message's bytes read-only: copy so callers may write.
    array = np.frombuffer(tensor.data, dtype=dtype, count=count).reshape(shape).copy()
    return array.astype(array.dtype.newbyteorder("="), copy=False)


def ndarray_to_tensor(array: Any, dtype: Any = None) -> tensor_pb.Tensor:
    """A tensor holding ``array`` (converted to ``dtype`` when given) as little-endian row-major bytes."""
    array = np.asarray(array, dtype=dtype)
    code = dtype_code(array.dtype)
    little = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
    return tensor_pb.Tensor(dtype=code, shape=list(array.shape), data=little.tobytes())


def value_to_python(value: values_pb.Value) -> Any:
    """The Python value of a protocol ``Value`` (tensor -> ndarray, int_value -> int, ...)."""
    kind = value.WhichOneof("kind")
    if kind == "tensor":
        return tensor_to_ndarray(value.tensor)
    if kind == "int_value":
        return int(value.int_value)
    if kind == "double_value":
        return float(value.double_value)
    if kind == "bool_value":
        return bool(value.bool_value)
    if kind == "string_value":
        return str(value.string_value)
    if kind == "tuple":
        return tuple(value_to_python(item) for item in value.tuple.items)
    if kind == "list":
        return [value_to_python(item) for item in value.list.items]
    if kind == "dict":
        return {entry.key: value_to_python(entry.value) for entry in value.dict.entries}
    if kind == "none" or kind is None:
        return None
    raise ValueError(f"Unknown value kind {kind!r}")


def python_to_value(obj: Any) -> values_pb.Value:
    """A protocol ``Value`` for a Python value (kwargs, options): keeps int, float, bool, str apart."""
    if obj is None:
        return values_pb.Value(none=0)
    if isinstance(obj, (bool, np.bool_)):
        return values_pb.Value(bool_value=bool(obj))
    if isinstance(obj, (int, np.integer)):
        return values_pb.Value(int_value=int(obj))
    if isinstance(obj, (float, np.floating)):
        return values_pb.Value(double_value=float(obj))
    if isinstance(obj, str):
        return values_pb.Value(string_value=obj)
    if isinstance(obj, np.ndarray):
        return values_pb.Value(tensor=ndarray_to_tensor(obj))
    if isinstance(obj, tuple):
        return values_pb.Value(tuple=values_pb.TupleValue(items=[python_to_value(item) for item in obj]))
    if isinstance(obj, list):
        return values_pb.Value(list=values_pb.ListValue(items=[python_to_value(item) for item in obj]))
    if isinstance(obj, Mapping):
        entries = [values_pb.DictValueEntry(key=str(key), value=python_to_value(item)) for key, item in obj.items()]
        return values_pb.Value(dict=values_pb.DictValue(entries=entries))
    raise TypeError(f"Cannot send a value of type {type(obj).__name__}: use None, bool, int, float, str, "
                    f"numpy arrays, or tuples, lists and dicts of them")


def python_to_value_map(mapping: Mapping[str, Any] | None) -> dict[str, values_pb.Value]:
    """A ``map<string, Value>`` for kwargs or reset options."""
    return {str(key): python_to_value(item) for key, item in (mapping or {}).items()}


def value_map_to_python(mapping: Mapping[str, values_pb.Value]) -> dict[str, Any]:
    """The Python dict of a ``map<string, Value>`` (info, kwargs)."""
    return {key: value_to_python(item) for key, item in mapping.items()}


def _is_integer_scalar(obj: Any) -> bool:
    if isinstance(obj, (int, np.integer)):
        return True
    return isinstance(obj, np.ndarray) and obj.shape == () and np.issubdtype(obj.dtype, np.integer)


def action_to_value(action: Any, space: Any, batched: bool = False) -> values_pb.Value:
    """Encodes an action of ``space`` (one copy, or ``batched`` with the copy index first)."""
    if isinstance(space, spaces.Discrete):
        if batched:
            array = np.asarray(action)
            if not np.issubdtype(array.dtype, np.integer):
                raise InvalidActionTypeError(f"Discrete actions must be integers, got an array of {array.dtype}")
            return values_pb.Value(tensor=ndarray_to_tensor(array, np.int64))
        if not _is_integer_scalar(action):
            raise InvalidActionTypeError(f"A Discrete action must be an int (or a NumPy integer), got "
                                         f"{action!r} of type {type(action).__name__}; allowed: {space}")
        return values_pb.Value(int_value=int(action))
    if isinstance(space, (spaces.Box, spaces.MultiDiscrete, spaces.MultiBinary)):
        array = np.asarray(action)
        if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
            raise InvalidActionTypeError(f"Actions of {space} must be numeric arrays, got {action!r}")
        return values_pb.Value(tensor=ndarray_to_tensor(array, space.dtype))
    if isinstance(space, spaces.Tuple):
        if not isinstance(action, (tuple, list)) or len(action) != len(space.spaces):
            raise InvalidActionTypeError(
                f"Actions of {space} must be tuples of {len(space.spaces)} items, got {action!r}")
        items = [action_to_value(item, sub, batched) for item, sub in zip(action, space.spaces)]
        return values_pb.Value(tuple=values_pb.TupleValue(items=items))
    if isinstance(space, spaces.Dict):
        if not isinstance(action, Mapping) or set(action.keys()) != set(space.spaces.keys()):
            raise InvalidActionTypeError(
                f"Actions of {space} must be dicts with keys {list(space.spaces)}, got {action!r}")
        entries = [values_pb.DictValueEntry(key=key, value=action_to_value(action[key], sub, batched))
                   for key, sub in space.spaces.items()]
        return values_pb.Value(dict=values_pb.DictValue(entries=entries))
    raise TypeError(f"Unsupported action space {space!r}")


class InvalidActionTypeError(InvalidArgumentError):
    """An action (or seed) of the wrong Python type, caught before it is sent."""

    def __init__(self, message: str):
        super().__init__(message, "INVALID_ARGUMENT")


def space_from_proto(space: spaces_pb.Space) -> Any:
    """The ``gymnasium.spaces`` object (or stand-in) a protocol ``Space`` describes."""
    kind = space.WhichOneof("kind")
    if kind == "box":
        dtype = numpy_dtype(space.box.dtype)
        shape = tuple(int(dim) for dim in space.box.shape)
        low = tensor_to_ndarray(space.box.low).reshape(shape)
        high = tensor_to_ndarray(space.box.high).reshape(shape)
        if dtype.kind == "f":
            low, high = low.astype(dtype), high.astype(dtype)
        return spaces.Box(low=low, high=high, shape=shape, dtype=dtype)
    if kind == "discrete":
        return spaces.Discrete(int(space.discrete.n), start=int(space.discrete.start))
    if kind == "multi_discrete":
        nvec = tensor_to_ndarray(space.multi_discrete.nvec)
        has_start = space.multi_discrete.HasField("start") and len(space.multi_discrete.start.data) > 0
        start = tensor_to_ndarray(space.multi_discrete.start) if has_start else None
        return spaces.MultiDiscrete(nvec, dtype=nvec.dtype, start=start)
    if kind == "multi_binary":
        shape = [int(dim) for dim in space.multi_binary.shape]
        return spaces.MultiBinary(shape[0] if len(shape) == 1 else shape)
    if kind == "tuple":
        return spaces.Tuple(tuple(space_from_proto(sub) for sub in space.tuple.spaces))
    if kind == "dict":
        return spaces.Dict({entry.key: space_from_proto(entry.space) for entry in space.dict.entries})
    raise ValueError(f"Unknown space kind {kind!r}")


def space_to_proto(space: Any) -> spaces_pb.Space:
    """The protocol ``Space`` of a ``gymnasium.spaces`` object (or stand-in)."""
    if isinstance(space, spaces.Box):
        return spaces_pb.Space(box=spaces_pb.Box(
            dtype=dtype_code(space.dtype), shape=list(space.shape),
            low=ndarray_to_tensor(space.low, np.float64), high=ndarray_to_tensor(space.high, np.float64)))
    if isinstance(space, spaces.Discrete):
        return spaces_pb.Space(discrete=spaces_pb.Discrete(n=int(space.n), start=int(space.start)))
    if isinstance(space, spaces.MultiDiscrete):
        return spaces_pb.Space(multi_discrete=spaces_pb.MultiDiscrete(
            nvec=ndarray_to_tensor(space.nvec, np.int64), start=ndarray_to_tensor(space.start, np.int64)))
    if isinstance(space, spaces.MultiBinary):
        return spaces_pb.Space(multi_binary=spaces_pb.MultiBinary(shape=list(space.shape)))
    if isinstance(space, spaces.Tuple):
        return spaces_pb.Space(tuple=spaces_pb.TupleSpace(spaces=[space_to_proto(sub) for sub in space.spaces]))
    if isinstance(space, spaces.Dict):
        entries = [spaces_pb.DictSpaceEntry(key=key, space=space_to_proto(sub)) for key, sub in space.spaces.items()]
        return spaces_pb.Space(dict=spaces_pb.DictSpace(entries=entries))
    raise TypeError(f"Unsupported space {space!r}")


def _option_names(enum: Any, prefix: str) -> dict[str, int]:
    """A protocol enum's values as this client's option strings, e.g. ``{"auto": 1, "cpu": 2, "gpu": 3}`` for
    ``Backend``: derived from the generated stubs, so they are spelled once, in protos/."""
    return {name[len(prefix):].lower(): number for name, number in enum.items() if number != 0}


BACKENDS: dict[str, int] = _option_names(env_pb.Backend, "BACKEND_")
"""``make_vec``'s ``backend`` names -> ``Backend`` values: "auto", "cpu", "gpu"."""

VECTORIZATIONS: dict[str, int] = _option_names(env_pb.Vectorization, "VECTORIZATION_")
"""``make_vec``'s ``vectorization`` names -> ``Vectorization`` values: "auto", "sync", "parallel", "soa", "gymnasium",
"fast" (the spelling of the server's ``vector_kwargs["vectorization"]``)."""


def backend_code(name: str) -> int:
    """The protocol's ``Backend`` for one of :data:`BACKENDS`' names."""
    if name not in BACKENDS:
        raise InvalidActionTypeError(f"backend must be one of {list(BACKENDS)}, got {name!r}")
    return BACKENDS[name]


def backend_name(code: int) -> str:
    """The name of a ``Backend`` the server reports (CPU for a value this client does not know)."""
    return next((name for name, number in BACKENDS.items() if number == code), "cpu")


def vectorization_code(name: str | None) -> int:
    """The protocol's ``Vectorization`` for one of :data:`VECTORIZATIONS`' names; None: unspecified (the server's
    ``auto``, or what ``vector_kwargs["vectorization"]`` says)."""
    if name is None:
        return env_pb.VECTORIZATION_UNSPECIFIED
    if name not in VECTORIZATIONS:
        raise InvalidActionTypeError(f"vectorization must be one of {list(VECTORIZATIONS)} or None, got {name!r}")
    return VECTORIZATIONS[name]


def vectorization_name(code: int) -> str | None:
    """The name of a ``Vectorization`` the server reports; None for unspecified (a GPU batch, a single env) or a value
    this client does not know."""
    return next((name for name, number in VECTORIZATIONS.items() if number == code), None)


def metadata_from_proto(metadata: env_pb.EnvMetadata) -> dict[str, Any]:
    """Gymnasium's ``metadata`` dict: render modes and fps."""
    return {"render_modes": list(metadata.render_modes), "render_fps": int(metadata.render_fps)}
