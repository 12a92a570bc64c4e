// Tensors travel as dtype + shape + raw little-endian bytes; here they become typed arrays without per-element work.
import type { Tensor__Output } from "./generated/types/rlgym/v1/Tensor.js";
import type { Tensor } from "./generated/types/rlgym/v1/Tensor.js";

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** A decoded tensor: NumPy-style dtype name, shape, and row-major elements. */
export interface NdArray {
  dtype: DTypeName;
  shape: number[];
  data: TypedArray;
}

export type DTypeName =
  | "float32" | "float64" | "int8" | "int16" | "int32" | "int64"
  | "uint8" | "uint16" | "uint32" | "uint64" | "bool";

const dtypes: Record<string, { name: DTypeName; array: new (buffer: ArrayBuffer) => TypedArray; size: number }> = {
  DTYPE_FLOAT32: { name: "float32", array: Float32Array, size: 4 },
  DTYPE_FLOAT64: { name: "float64", array: Float64Array, size: 8 },
  DTYPE_INT8: { name: "int8", array: Int8Array, size: 1 },
  DTYPE_INT16: { name: "int16", array: Int16Array, size: 2 },
  DTYPE_INT32: { name: "int32", array: Int32Array, size: 4 },
  DTYPE_INT64: { name: "int64", array: BigInt64Array, size: 8 },
  DTYPE_UINT8: { name: "uint8", array: Uint8Array, size: 1 },
  DTYPE_UINT16: { name: "uint16", array: Uint16Array, size: 2 },
  DTYPE_UINT32: { name: "uint32", array: Uint32Array, size: 4 },
  DTYPE_UINT64: { name: "uint64", array: BigUint64Array, size: 8 },
  DTYPE_BOOL: { name: "bool", array: Uint8Array, size: 1 },
};

const protoNames = Object.fromEntries(Object.entries(dtypes).map(([proto, d]) => [d.name, proto])) as Record<DTypeName, string>;

/** The NumPy-style name of a protocol dtype, e.g. "float32" for DTYPE_FLOAT32. */
export function dtypeNameOf(protoDType: string): DTypeName {
  const dtype = dtypes[protoDType];
  if (!dtype) throw new TypeError(`Unknown tensor dtype ${protoDType}`);
  return dtype.name;
}

/** Decodes a tensor. The bytes are copied once into an aligned buffer (protobuf slices sit at odd offsets). */
export function decodeTensor(tensor: Tensor__Output): NdArray {
  const dtype = dtypes[tensor.dtype];
  if (!dtype) throw new TypeError(`Unknown tensor dtype ${tensor.dtype}`);
  const shape = tensor.shape.map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== count * dtype.size) {
    throw new TypeError(`Tensor of shape [${shape}] and dtype ${dtype.name} needs ${count * dtype.size} bytes, got ${tensor.data.length}`);
  }
  const aligned = new Uint8Array(tensor.data.length);
  aligned.set(tensor.data);
  return { dtype: dtype.name, shape, data: new dtype.array(aligned.buffer) };
}

/** Encodes values as a tensor of `dtype` and `shape` (a plain array is converted element by element). */
export function encodeTensor(dtype: DTypeName, shape: number[], values: ArrayLike<number | bigint | boolean> | TypedArray): Tensor {
  const spec = dtypes[protoNames[dtype]];
  const count = shape.reduce((a, b) => a * b, 1);
  if (values.length !== count) {
    throw new TypeError(`Expected ${count} values for shape [${shape}], got ${values.length}`);
  }
  const buffer = new ArrayBuffer(count * spec.size);
  const view = new spec.array(buffer) as unknown as { [i: number]: number | bigint };
  const bigint = spec.array === BigInt64Array || spec.array === BigUint64Array;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    view[i] = bigint ? BigInt(typeof v === "boolean" ? Number(v) : v) : Number(v);
  }
  return { dtype: protoNames[dtype] as Tensor["dtype"], shape, data: new Uint8Array(buffer) };
}

/** The single element of a scalar tensor as a number (int64 values beyond 2^53 lose precision). */
export function scalarOf(array: NdArray): number {
  const value = array.data[0];
  return typeof value === "bigint" ? Number(value) : value;
}
