"""Tensor <-> ndarray, value <-> Python and space <-> proto conversions."""

import numpy as np
import pytest

from rlgym import codec, spaces
from rlgym._proto.rlgym.v1 import tensor_pb2 as tensor_pb
from rlgym._proto.rlgym.v1 import values_pb2 as values_pb
from rlgym.errors import InvalidArgumentError

ALL_DTYPES = ["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_tensor_round_trip_keeps_dtype_shape_and_values(dtype):
    rng = np.random.default_rng(0)
    high = 2 if dtype == "bool" else 100
    array = rng.integers(0, high, size=(2, 3, 4)).astype(dtype)

    decoded = codec.tensor_to_ndarray(codec.ndarray_to_tensor(array))

    assert decoded.dtype == np.dtype(dtype)
    assert decoded.shape == (2, 3, 4)
    np.testing.assert_array_equal(decoded, array)


def test_tensor_to_ndarray_returns_a_writable_copy():
    tensor = codec.ndarray_to_tensor(np.array([1.5, 2.5], dtype=np.float32))

    decoded = codec.tensor_to_ndarray(tensor)
    decoded[0] = 9.0

    assert decoded.flags.writeable and decoded.flags.owndata
    np.testing.assert_array_equal(codec.tensor_to_ndarray(tensor), [1.5, 2.5])


def test_tensor_bytes_are_little_endian_row_major():
    tensor = codec.ndarray_to_tensor(np.array([[1, 2], [3, 256]], dtype=">i4"))

    assert tensor.dtype == tensor_pb.DTYPE_INT32
    assert list(tensor.shape) == [2, 2]
    assert tensor.data == bytes([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 1, 0, 0])


def test_scalar_tensor_has_empty_shape():
    tensor = codec.ndarray_to_tensor(np.float64(0.5))

    assert list(tensor.shape) == []
    assert codec.tensor_to_ndarray(tensor).shape == ()


def test_tensor_with_wrong_byte_count_is_rejected():
    tensor = tensor_pb.Tensor(dtype=tensor_pb.DTYPE_FLOAT32, shape=[3], data=b"\x00" * 8)

    with pytest.raises(ValueError, match="8 bytes; shape \\[3\\] of float32 needs 12"):
        codec.tensor_to_ndarray(tensor)


def test_unspecified_dtype_is_rejected():
    with pytest.raises(ValueError, match="DTYPE_UNSPECIFIED"):
        codec.tensor_to_ndarray(tensor_pb.Tensor(dtype=tensor_pb.DTYPE_UNSPECIFIED, shape=[], data=b""))


def test_unsupported_numpy_dtype_cannot_be_sent():
    with pytest.raises(ValueError, match="complex128"):
        codec.ndarray_to_tensor(np.zeros(2, dtype=np.complex128))


def test_scalar_values_keep_python_types():
    assert type(codec.value_to_python(values_pb.Value(int_value=3))) is int
    assert type(codec.value_to_python(values_pb.Value(double_value=1.0))) is float
    assert codec.value_to_python(values_pb.Value(bool_value=True)) is True
    assert codec.value_to_python(values_pb.Value(string_value="x")) == "x"
    assert codec.value_to_python(values_pb.Value(none=0)) is None


def test_python_to_value_keeps_bool_int_float_apart():
    assert codec.python_to_value(True).WhichOneof("kind") == "bool_value"
    assert codec.python_to_value(1).WhichOneof("kind") == "int_value"
    assert codec.python_to_value(np.int64(1)).WhichOneof("kind") == "int_value"
    assert codec.python_to_value(1.0).WhichOneof("kind") == "double_value"
    assert codec.python_to_value(np.float32(1.0)).WhichOneof("kind") == "double_value"


def test_nested_value_round_trip():
    original = {"desc": ["SFFF", "FHFH"], "pair": (1, 2.5), "mask": np.array([1, 0, 1], dtype=np.int8), "none": None}

    decoded = codec.value_to_python(codec.python_to_value(original))

    assert list(decoded) == ["desc", "pair", "mask", "none"]
    assert decoded["desc"] == ["SFFF", "FHFH"]
    assert decoded["pair"] == (1, 2.5) and type(decoded["pair"][0]) is int
    assert decoded["mask"].dtype == np.int8
    np.testing.assert_array_equal(decoded["mask"], [1, 0, 1])
    assert decoded["none"] is None


def test_unsupported_python_value_names_the_allowed_types():
    with pytest.raises(TypeError, match="use None, bool, int, float, str"):
        codec.python_to_value(object())


CARTPOLE_HIGH = np.array([4.8, np.inf, 0.41887903, np.inf], dtype=np.float32)
SPACES = [
    spaces.Box(-CARTPOLE_HIGH, CARTPOLE_HIGH, dtype=np.float32),
    spaces.Box(0, 255, shape=(10, 10, 3), dtype=np.uint8),
    spaces.Box(low=np.array([0.0, -np.inf]), high=np.array([np.inf, 5.0]), dtype=np.float64),
    spaces.Discrete(2),
    spaces.Discrete(5, start=-2),
    spaces.MultiDiscrete([3, 4, 5]),
    spaces.MultiDiscrete(np.array([[2, 3], [4, 5]]), start=np.array([[-1, 0], [1, 2]])),
    spaces.MultiBinary(6),
    spaces.MultiBinary([2, 3]),
    spaces.Tuple((spaces.Discrete(32), spaces.Discrete(11), spaces.Discrete(2))),
    spaces.Dict({"position": spaces.Box(-1, 1, shape=(2,)), "flag": spaces.Discrete(2)}),
]


@pytest.mark.parametrize("space", SPACES, ids=repr)
def test_space_round_trip_is_equal(space):
    decoded = codec.space_from_proto(codec.space_to_proto(space))

    assert decoded == space
    assert type(decoded) is type(space)
    if hasattr(space, "dtype") and space.dtype is not None:
        assert decoded.dtype == space.dtype
        assert decoded.shape == space.shape


def test_box_bounds_travel_as_float64_with_infinities():
    proto = codec.space_to_proto(SPACES[0])

    low = codec.tensor_to_ndarray(proto.box.low)

    assert low.dtype == np.float64
    assert low[1] == -np.inf and low[0] == np.float64(np.float32(-4.8))


def test_discrete_action_accepts_python_and_numpy_integers():
    space = spaces.Discrete(3)

    for action in (1, np.int64(1), np.int32(1), np.array(1)):
        assert codec.action_to_value(action, space).int_value == 1


@pytest.mark.parametrize("action", [1.0, "1", [1], None])
def test_discrete_action_of_wrong_type_is_a_value_error(action):
    with pytest.raises(InvalidArgumentError, match="Discrete action must be an int"):
        codec.action_to_value(action, spaces.Discrete(3))


def test_box_action_from_list_is_sent_in_the_space_dtype():
    value = codec.action_to_value([0.5], spaces.Box(-1, 1, shape=(1,), dtype=np.float32))

    assert value.tensor.dtype == tensor_pb.DTYPE_FLOAT32
    np.testing.assert_array_equal(codec.tensor_to_ndarray(value.tensor), np.array([0.5], dtype=np.float32))


def test_batched_discrete_actions_are_an_int64_tensor():
    value = codec.action_to_value(np.array([0, 1, 1], dtype=np.int32), spaces.Discrete(2), batched=True)

    assert value.tensor.dtype == tensor_pb.DTYPE_INT64
    assert list(value.tensor.shape) == [3]
