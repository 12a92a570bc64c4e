// Nested values (observations, actions, info entries, kwargs) between JavaScript and the protocol.
import type { Value, Value__Output } from "./generated/types/rlgym/v1/Value.js";
import type { Space } from "./spaces.js";
import { decodeTensor, encodeTensor, type NdArray } from "./tensor.js";

export type JsValue = number | bigint | boolean | string | null | NdArray | JsValue[] | { [key: string]: JsValue };

/** Decodes a protocol value: tensors become NdArrays, tuples and lists arrays, dicts objects. */
export function decodeValue(value: Value__Output | null | undefined): JsValue {
  if (!value) return null;
  switch (value.kind) {
    case "tensor":
      return decodeTensor(value.tensor!);
    case "dict":
      return Object.fromEntries(value.dict!.entries.map((e) => [e.key, decodeValue(e.value)]));
    case "tuple":
      return value.tuple!.items.map(decodeValue);
    case "list":
      return value.list!.items.map(decodeValue);
    case "intValue": {
      const n = BigInt(value.intValue as unknown as string);
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    case "doubleValue":
      return value.doubleValue as number;
    case "boolValue":
      return value.boolValue as boolean;
    case "stringValue":
      return value.stringValue as string;
    default:
      return null;
  }
}

/** Decodes a protocol map (info, kwargs). */
export function decodeMap(map: Record<string, Value__Output> | undefined): Record<string, JsValue> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, decodeValue(v)]));
}

/** Encodes a plain value (kwargs, options): integers as ints, other numbers as floats, arrays as lists. */
export function encodePlain(value: unknown): Value {
  if (value === null || value === undefined) return { none: "NULL_VALUE" };
  if (typeof value === "boolean") return { boolValue: value };
  if (typeof value === "bigint") return { intValue: value.toString() };
  if (typeof value === "number") return Number.isInteger(value) ? { intValue: value.toString() } : { doubleValue: value };
  if (typeof value === "string") return { stringValue: value };
  if (Array.isArray(value)) return { list: { items: value.map(encodePlain) } };
  if (typeof value === "object") {
    return { dict: { entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: encodePlain(v) })) } };
  }
  throw new TypeError(`Cannot send a ${typeof value} value`);
}

/** Encodes a plain map (kwargs, options). */
export function encodeMap(map: Record<string, unknown> | undefined): Record<string, Value> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, encodePlain(v)]));
}

/** Encodes an action of `space`; `batch` > 0 encodes a batch of that many actions (copy index first). */
export function encodeAction(space: Space, action: unknown, batch = 0): Value {
  const lead = batch > 0 ? [batch] : [];
  switch (space.kind) {
    case "discrete":
      if (batch > 0) return { tensor: encodeTensor("int64", lead, toNumbers(action)) };
      if (typeof action !== "number" && typeof action !== "bigint") {
        throw new TypeError(`An action of ${space} is an integer, got ${typeof action}`);
      }
      return { intValue: action.toString() };
    case "box":
      return { tensor: encodeTensor(space.dtype, [...lead, ...space.shape], toNumbers(action)) };
    case "multi_discrete":
      return { tensor: encodeTensor("int64", [...lead, space.nvec.length], toNumbers(action)) };
    case "multi_binary":
      return { tensor: encodeTensor("int8", [...lead, ...space.shape], toNumbers(action)) };
    case "tuple": {
      const items = action as unknown[];
      return { tuple: { items: space.spaces.map((s, i) => encodeAction(s, items[i], batch)) } };
    }
    case "dict": {
      const entries = action as Record<string, unknown>;
      return { dict: { entries: [...space.spaces].map(([key, s]) => ({ key, value: encodeAction(s, entries[key], batch) })) } };
    }
  }
}

function toNumbers(value: unknown): ArrayLike<number | bigint | boolean> {
  if (typeof value === "number" || typeof value === "bigint") return [value];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return value as ArrayLike<number>;
  if (value && typeof value === "object" && "data" in value) return (value as NdArray).data as ArrayLike<number | bigint>;
  throw new TypeError(`Expected a number or an array of numbers, got ${typeof value}`);
}
