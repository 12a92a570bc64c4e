// ShardedVectorEnv: one vector environment whose copies are spread over several servers (scale-out, docs/containers.md).
import { VectorEnv, type Backend, type EnvSpec, type MakeVecOptions, type Vectorization } from "./env.js";
import { RlGymError } from "./errors.js";
import type { Space } from "./spaces.js";
import type { NdArray, TypedArray } from "./tensor.js";
import type { Transport } from "./transport.js";
import type { JsValue } from "./values.js";

type StepResult = Awaited<ReturnType<VectorEnv["step"]>>;
type ResetResult = Awaited<ReturnType<VectorEnv["reset"]>>;

/**
 * N copies of an environment spread over several servers: shard k is a VectorEnv on `addresses[k]` holding a contiguous
 * range of the copies (the first `numEnvs % shards` get one more; with fewer copies than servers only the first are
 * used). Resets and steps go to every shard at once and their batches are joined in copy order; with a seed, copy i
 * is seeded with seed + i over all shards, so the results equal one server's. A failing shard rejects with its error,
 * the message naming the shard, its address and its copies.
 */
export class ShardedVectorEnv {
  readonly numEnvs: number;
  private readonly offsets: number[];
  private readonly counts: number[];

  private constructor(
    readonly shards: VectorEnv[],
    readonly addresses: string[],
  ) {
    this.counts = shards.map((s) => s.numEnvs);
    this.offsets = this.counts.map((_, k) => this.counts.slice(0, k).reduce((a, b) => a + b, 0));
    this.numEnvs = this.counts.reduce((a, b) => a + b, 0);
  }

  get singleObservationSpace(): Space {
    return this.shards[0].singleObservationSpace;
  }

  get singleActionSpace(): Space {
    return this.shards[0].singleActionSpace;
  }

  get spec(): EnvSpec {
    return this.shards[0].spec;
  }

  /** Where the batches run, as the first shard's server reports it: "cpu" or "gpu". */
  get backend(): Backend {
    return this.shards[0].backend;
  }

  /** The vectorization in effect, as the first shard's server reports it; null on the GPU. */
  get vectorization(): Vectorization | null {
    return this.shards[0].vectorization;
  }

  /** Creates `numEnvs` copies of `id` over the servers behind `transports` (one per address, in order). */
  static async create(transports: Transport[], addresses: string[], id: string, numEnvs: number, options: MakeVecOptions = {}): Promise<ShardedVectorEnv> {
    if (!Number.isInteger(numEnvs) || numEnvs < 1) throw new RangeError(`numEnvs must be a positive integer, got ${numEnvs}`);
    if (addresses.length === 0 || transports.length !== addresses.length) {
      throw new RangeError(`Give at least one server address (and one transport per address), got ${addresses.length} addresses`);
    }
    const used = Math.min(numEnvs, addresses.length);
    const counts = Array.from({ length: used }, (_, k) => Math.floor(numEnvs / used) + (k < numEnvs % used ? 1 : 0));
    const offsets = counts.map((_, k) => counts.slice(0, k).reduce((a, b) => a + b, 0));
    const settled = await Promise.allSettled(counts.map((count, k) => VectorEnv.create(transports[k], id, count, options)));
    const failed = settled.findIndex((s) => s.status === "rejected");
    if (failed >= 0) {
      await Promise.allSettled(settled.map((s) => (s.status === "fulfilled" ? s.value.close() : undefined)));
      throw shardError((settled[failed] as PromiseRejectedResult).reason, failed, addresses[failed], offsets[failed], counts[failed]);
    }
    return new ShardedVectorEnv(settled.map((s) => (s as PromiseFulfilledResult<VectorEnv>).value), addresses.slice(0, used));
  }

  /** Resets every copy; with a seed, copy i is seeded with seed + i whichever shard holds it. */
  async reset(args: { seed?: number; options?: Record<string, unknown> } = {}): Promise<ResetResult> {
    const mask = args.options?.reset_mask as ArrayLike<unknown> | undefined;
    if (mask !== undefined && mask.length !== this.numEnvs) {
      throw new RangeError(`reset_mask must have ${this.numEnvs} entries (one per copy), got ${mask.length}`);
    }
    const results = await this.onEveryShard((shard, k) =>
      shard.reset({
        seed: args.seed === undefined ? undefined : args.seed + this.offsets[k],
        options: mask === undefined ? args.options : { ...args.options, reset_mask: sliceRows(mask, this.offsets[k], this.counts[k], 1) },
      }),
    );
    return { observations: concatenate(results.map((r) => r.observations)), info: mergeInfos(results.map((r) => r.info), this.counts) };
  }

  /** Steps every copy with a batch of actions (one per copy, copy index first). */
  async step(actions: unknown): Promise<StepResult> {
    const results = await this.onEveryShard((shard, k) => shard.step(sliceBatch(this.singleActionSpace, actions, this.offsets[k], this.counts[k])));
    return {
      observations: concatenate(results.map((r) => r.observations)),
      rewards: concatenate(results.map((r) => r.rewards)) as NdArray,
      terminations: joinTyped(results.map((r) => r.terminations)) as Uint8Array,
      truncations: joinTyped(results.map((r) => r.truncations)) as Uint8Array,
      info: mergeInfos(results.map((r) => r.info), this.counts),
    };
  }

  /** Frees the copies on every server; calling it again does nothing. */
  async close(): Promise<void> {
    await this.onEveryShard((shard) => shard.close());
  }

  private async onEveryShard<T>(call: (shard: VectorEnv, k: number) => Promise<T>): Promise<T[]> {
    const settled = await Promise.allSettled(this.shards.map((shard, k) => call(shard, k)));
    const failed = settled.findIndex((s) => s.status === "rejected");
    if (failed >= 0) {
      throw shardError((settled[failed] as PromiseRejectedResult).reason, failed, this.addresses[failed], this.offsets[failed], this.counts[failed]);
    }
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  }
}

/** The error of shard k, of the same class, its message naming the shard (non-RlGym errors pass unchanged). */
function shardError(error: unknown, k: number, address: string, offset: number, count: number): unknown {
  if (!(error instanceof RlGymError)) return error;
  const ErrorClass = error.constructor as new (code: number, message: string) => RlGymError;
  const wrapped = new ErrorClass(error.code, `shard ${k} at ${address} (copies ${offset}..${offset + count - 1}): ${error.message}`);
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}

function elementsPerCopy(space: Space): number {
  switch (space.kind) {
    case "discrete":
      return 1;
    case "multi_discrete":
      return space.nvec.length;
    case "box":
    case "multi_binary":
      return space.shape.reduce((a, b) => a * b, 1);
    default:
      return 1;
  }
}

/** Copies offset..offset+count-1 of an action batch (flat numbers, a typed array or an NdArray; tuples and dicts per part). */
function sliceBatch(space: Space, batch: unknown, offset: number, count: number): unknown {
  if (space.kind === "tuple") return space.spaces.map((s, i) => sliceBatch(s, (batch as unknown[])[i], offset, count));
  if (space.kind === "dict") {
    return Object.fromEntries([...space.spaces].map(([key, s]) => [key, sliceBatch(s, (batch as Record<string, unknown>)[key], offset, count)]));
  }
  const values = batch !== null && typeof batch === "object" && "data" in batch ? (batch as NdArray).data : (batch as ArrayLike<unknown>);
  return sliceRows(values, offset, count, elementsPerCopy(space));
}

function sliceRows(values: ArrayLike<unknown>, offset: number, count: number, width: number): ArrayLike<unknown> {
  const [start, end] = [offset * width, (offset + count) * width];
  if (end > values.length) throw new RangeError(`Expected a batch of at least ${end / width} copies, got ${values.length / width}`);
  return ArrayBuffer.isView(values) ? (values as TypedArray).slice(start, end) : Array.prototype.slice.call(values, start, end);
}

function isNdArray(value: unknown): value is NdArray {
  return value !== null && typeof value === "object" && "data" in value && "shape" in value && "dtype" in value;
}

function joinTyped(parts: TypedArray[]): TypedArray {
  const Ctor = parts[0].constructor as new (length: number) => TypedArray;
  const joined = new Ctor(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    (joined as unknown as { set(a: TypedArray, offset: number): void }).set(part, at);
    at += part.length;
  }
  return joined;
}

/** Batches one after the other along the copy axis: NdArrays joined, tuples and dicts part by part. */
function concatenate(parts: JsValue[]): JsValue {
  const first = parts[0];
  if (parts.length === 1) return first;
  if (isNdArray(first)) {
    const arrays = parts as NdArray[];
    return { dtype: first.dtype, shape: [arrays.reduce((n, a) => n + a.shape[0], 0), ...first.shape.slice(1)], data: joinTyped(arrays.map((a) => a.data)) };
  }
  if (Array.isArray(first)) return first.map((_, i) => concatenate(parts.map((p) => (p as JsValue[])[i])));
  if (first !== null && typeof first === "object") {
    return Object.fromEntries(Object.keys(first).map((key) => [key, concatenate(parts.map((p) => (p as Record<string, JsValue>)[key]))]));
  }
  throw new TypeError(`Cannot join batches of ${typeof first}`);
}

/**
 * Vector infos of consecutive shards as one: arrays joined along the copies, a key a shard lacks left at zero (or null)
 * there with its `_key` mask false, nested dicts joined key by key.
 */
function mergeInfos(parts: Record<string, JsValue>[], counts: number[]): Record<string, JsValue> {
  if (parts.length === 1) return parts[0];
  const keys = [...new Set(parts.flatMap((p) => Object.keys(p)))];
  return Object.fromEntries(keys.map((key) => [key, mergeValues(key, parts.map((p) => p[key]), counts)]));
}

function mergeValues(key: string, values: (JsValue | undefined)[], counts: number[]): JsValue {
  const template = values.find((v) => v !== undefined)!;
  if (isNdArray(template)) {
    const width = template.shape.slice(1).reduce((a, b) => a * b, 1);
    const Ctor = template.data.constructor as new (length: number) => TypedArray;
    const filled = values.map((v, k) => {
      if (v === undefined) return new Ctor(counts[k] * width);
      if (!isNdArray(v) || v.dtype !== template.dtype || v.data.length !== counts[k] * width) {
        throw new TypeError(`Info key '${key}' differs between shards (${template.dtype} rows of ${width} vs ${JSON.stringify(v)})`);
      }
      return v.data;
    });
    return { dtype: template.dtype, shape: [counts.reduce((a, b) => a + b, 0), ...template.shape.slice(1)], data: joinTyped(filled) };
  }
  if (Array.isArray(template)) {
    return values.flatMap((v, k) => (v === undefined ? new Array<JsValue>(counts[k]).fill(null) : (v as JsValue[])));
  }
  if (template !== null && typeof template === "object") {
    return mergeInfos(values.map((v) => (v ?? {}) as Record<string, JsValue>), counts);
  }
  throw new TypeError(`Info key '${key}' is not a batch (${typeof template}); vector infos hold one entry per copy`);
}
