// Spaces mirror gymnasium.spaces. `sample` uses Math.random: it is for exploring, not for reproducible seeding
// (environments are seeded on the server).
import type { Space__Output } from "./generated/types/rlgym/v1/Space.js";
import { decodeTensor, dtypeNameOf, type DTypeName } from "./tensor.js";

export type Space = Box | Discrete | MultiDiscrete | MultiBinary | TupleSpace | DictSpace;

export class Box {
  readonly kind = "box";
  constructor(readonly dtype: DTypeName, readonly shape: number[], readonly low: Float64Array, readonly high: Float64Array) {}
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
  contains(value: ArrayLike<number>): boolean {
    if (value.length !== this.size) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(value[i] >= this.low[i] && value[i] <= this.high[i])) return false;
    }
    return true;
  }
  sample(): number[] {
    return Array.from({ length: this.size }, (_, i) => {
      const low = Number.isFinite(this.low[i]) ? this.low[i] : -1;
      const high = Number.isFinite(this.high[i]) ? this.high[i] : 1;
      const x = low + Math.random() * (high - low);
      return this.dtype.startsWith("float") ? x : Math.floor(x);
    });
  }
  toString(): string {
    return `Box(shape=(${this.shape.join(", ")}), ${this.dtype})`;
  }
}

export class Discrete {
  readonly kind = "discrete";
  constructor(readonly n: number, readonly start = 0) {}
  contains(value: number): boolean {
    return Number.isInteger(value) && value >= this.start && value < this.start + this.n;
  }
  sample(): number {
    return this.start + Math.floor(Math.random() * this.n);
  }
  toString(): string {
    return this.start === 0 ? `Discrete(${this.n})` : `Discrete(${this.n}, start=${this.start})`;
  }
}

export class MultiDiscrete {
  readonly kind = "multi_discrete";
  constructor(readonly nvec: number[], readonly start: number[]) {}
  contains(value: ArrayLike<number>): boolean {
    return value.length === this.nvec.length && this.nvec.every((n, i) => Number.isInteger(value[i]) && value[i] >= this.start[i] && value[i] < this.start[i] + n);
  }
  sample(): number[] {
    return this.nvec.map((n, i) => this.start[i] + Math.floor(Math.random() * n));
  }
  toString(): string {
    return `MultiDiscrete([${this.nvec.join(", ")}])`;
  }
}

export class MultiBinary {
  readonly kind = "multi_binary";
  constructor(readonly shape: number[]) {}
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
  contains(value: ArrayLike<number>): boolean {
    return value.length === this.size && Array.from(value).every((v) => v === 0 || v === 1);
  }
  sample(): number[] {
    return Array.from({ length: this.size }, () => (Math.random() < 0.5 ? 0 : 1));
  }
  toString(): string {
    return `MultiBinary(${this.shape.join(", ")})`;
  }
}

export class TupleSpace {
  readonly kind = "tuple";
  constructor(readonly spaces: Space[]) {}
  contains(value: unknown[]): boolean {
    return value.length === this.spaces.length && this.spaces.every((s, i) => (s.contains as (v: unknown) => boolean)(value[i]));
  }
  sample(): unknown[] {
    return this.spaces.map((s) => s.sample());
  }
  toString(): string {
    return `Tuple(${this.spaces.join(", ")})`;
  }
}

export class DictSpace {
  readonly kind = "dict";
  constructor(readonly spaces: Map<string, Space>) {}
  contains(value: Record<string, unknown>): boolean {
    return [...this.spaces].every(([k, s]) => k in value && (s.contains as (v: unknown) => boolean)(value[k]));
  }
  sample(): Record<string, unknown> {
    return Object.fromEntries([...this.spaces].map(([k, s]) => [k, s.sample()]));
  }
  toString(): string {
    return `Dict(${[...this.spaces].map(([k, s]) => `'${k}': ${s}`).join(", ")})`;
  }
}

/** Builds a space from its protocol description. */
export function spaceFromProto(space: Space__Output): Space {
  switch (space.kind) {
    case "box": {
      const box = space.box!;
      return new Box(dtypeNameOf(box.dtype), box.shape.map(Number), decodeTensor(box.low!).data as Float64Array, decodeTensor(box.high!).data as Float64Array);
    }
    case "discrete":
      return new Discrete(Number(space.discrete!.n), Number(space.discrete!.start));
    case "multiDiscrete": {
      const md = space.multiDiscrete!;
      const nvec = Array.from(decodeTensor(md.nvec!).data, Number);
      const start = md.start ? Array.from(decodeTensor(md.start).data, Number) : nvec.map(() => 0);
      return new MultiDiscrete(nvec, start.length ? start : nvec.map(() => 0));
    }
    case "multiBinary":
      return new MultiBinary(space.multiBinary!.shape.map(Number));
    case "tuple":
      return new TupleSpace(space.tuple!.spaces.map(spaceFromProto));
    case "dict":
      return new DictSpace(new Map(space.dict!.entries.map((e) => [e.key, spaceFromProto(e.space!)])));
    default:
      throw new TypeError(`Unknown space kind ${String(space.kind)}`);
  }
}

