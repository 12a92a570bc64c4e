// Env and VectorEnv: Gymnasium's reset / step / render / close against an RlGym server, over any Transport.
import { Backend as ProtoBackend } from "./generated/types/rlgym/v1/Backend.js";
import type { CreateEnvironmentResponse__Output } from "./generated/types/rlgym/v1/CreateEnvironmentResponse.js";
import type { EnvironmentDescription__Output } from "./generated/types/rlgym/v1/EnvironmentDescription.js";
import type { ListEnvironmentsResponse__Output } from "./generated/types/rlgym/v1/ListEnvironmentsResponse.js";
import type { ServerStatus__Output } from "./generated/types/rlgym/v1/ServerStatus.js";
import type { RenderResponse__Output } from "./generated/types/rlgym/v1/RenderResponse.js";
import type { ResetResponse__Output } from "./generated/types/rlgym/v1/ResetResponse.js";
import type { StepResponse__Output } from "./generated/types/rlgym/v1/StepResponse.js";
import { Vectorization as ProtoVectorization } from "./generated/types/rlgym/v1/Vectorization.js";
import { spaceFromProto, type Space } from "./spaces.js";
import { decodeTensor, scalarOf, type NdArray } from "./tensor.js";
import { NotFoundError } from "./errors.js";
import { isUnanswered, Retrier, type RetryOptions } from "./retry.js";
import type { MethodName, Transport } from "./transport.js";
import { decodeMap, decodeValue, encodeAction, encodeMap, type JsValue } from "./values.js";

/** How long closing an environment re-sends its request at most, in milliseconds (the retry budget when shorter). */
export const closeBudgetMs = 5_000;

/** Options for creating an environment (see RetryOptions for re-sending requests left without an answer). */
export interface MakeOptions extends RetryOptions {
  /** Constructor arguments, merged over the registered defaults. */
  kwargs?: Record<string, unknown>;
  /** "rgb_array" or "ansi"; omitted = no rendering. */
  renderMode?: string;
  /** Overrides the registered time limit; 0 removes it. */
  maxEpisodeSteps?: number;
  /** Deadline of each call in milliseconds (default 30 s); one that passes is re-sent within `retryBudgetMs`. */
  deadlineMs?: number;
}

/** A protocol enum's value names as option strings: "VECTORIZATION_SOA" is "soa"; UNSPECIFIED is none. */
type OptionName<Name extends string, Prefix extends string> = Name extends `${Prefix}UNSPECIFIED`
  ? never
  : Name extends `${Prefix}${infer Rest}`
    ? Lowercase<Rest>
    : never;

/** Where a vector environment's batch runs (the protocol's Backend): "auto", "cpu" or "gpu". */
export type Backend = OptionName<keyof typeof ProtoBackend, "BACKEND_">;

/**
 * How the server implements a vector environment's copies on the CPU (the protocol's Vectorization): "auto", "sync",
 * "parallel", "soa", "gymnasium" or "fast" (see docs/protocol.md).
 */
export type Vectorization = OptionName<keyof typeof ProtoVectorization, "VECTORIZATION_">;

function optionNames<T extends string>(values: Record<string, string>, prefix: string): readonly T[] {
  return Object.keys(values)
    .filter((name) => name !== `${prefix}UNSPECIFIED`)
    .map((name) => name.slice(prefix.length).toLowerCase() as T);
}

/** Every backend name, from the generated protocol code. */
export const backends: readonly Backend[] = optionNames<Backend>(ProtoBackend, "BACKEND_");

/** Every vectorization name, from the generated protocol code. */
export const vectorizations: readonly Vectorization[] = optionNames<Vectorization>(ProtoVectorization, "VECTORIZATION_");

/** Options for creating a vector environment. */
export interface MakeVecOptions extends MakeOptions {
  /** "next_step" (default), "same_step" or "disabled". */
  autoresetMode?: "next_step" | "same_step" | "disabled";
  /**
   * How the server implements the copies: "auto" (the default: "soa" where the id has it, else "sync"), "sync",
   * "parallel", "soa", "gymnasium" or "fast"; describeEnv lists an id's. Anything but "auto" runs on the CPU.
   */
  vectorization?: Vectorization;
  /** Where the batch runs: "auto" (default: the GPU when the server has one and the request allows it), "cpu" or "gpu". */
  backend?: Backend;
}

/** What the server says about an environment id (DescribeEnvironment). */
export interface EnvDescription {
  spec: EnvSpec;
  observationSpace: Space;
  actionSpace: Space;
  /** Where it comes from: "built-in" or a plugin's assembly path. */
  source: string;
  /** The vectorizations MakeVecOptions.vectorization may name for it besides "auto", e.g. ["sync", "parallel", "soa"]. */
  vectorizations: Vectorization[];
}

/** Registration data of an environment, as Gymnasium's EnvSpec. */
export interface EnvSpec {
  id: string;
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  nondeterministic: boolean;
  kwargs: Record<string, JsValue>;
}

/** An RGB frame: height x width x 3 bytes, row-major. */
export interface RgbImage {
  height: number;
  width: number;
  data: Uint8Array;
}

/** An RGB frame in PNG: `png` holds the file's bytes. */
export interface PngImage {
  height: number;
  width: number;
  png: Uint8Array;
}

/**
 * One environment on the server. A request left without an answer (ConnectionError: the connection was lost, the
 * server unavailable, the deadline passed) is re-sent, reconnecting, until answered or until `retryBudgetMs` runs out;
 * resets and steps keep their sequence number, so the server never applies one twice. A reset or step still
 * unanswered then rejects with the ConnectionError but is re-sent before the next one, so the environment works again
 * once the server is reachable.
 */
export class Env {
  private readonly calls: SequencedCalls;
  private closed = false;

  private constructor(
    transport: Transport,
    readonly handle: string,
    readonly observationSpace: Space,
    readonly actionSpace: Space,
    readonly spec: EnvSpec,
    readonly metadata: { renderModes: string[]; renderFps: number },
    readonly renderMode: string | null,
    deadlineMs: number,
    retrier: Retrier,
  ) {
    this.calls = new SequencedCalls(transport, deadlineMs, retrier);
  }

  /** Creates `id` on the server behind `transport`. */
  static async create(transport: Transport, id: string, options: MakeOptions = {}): Promise<Env> {
    const retrier = new Retrier(options);
    const created = await retrier.run(() =>
      transport.call<CreateEnvironmentResponse__Output>("CreateEnvironment", createRequest(id, options, 0), options.deadlineMs),
    );
    return new Env(
      transport,
      created.handle,
      spaceFromProto(created.observationSpace!),
      spaceFromProto(created.actionSpace!),
      specFrom(created.spec!),
      { renderModes: created.metadata?.renderModes ?? [], renderFps: created.metadata?.renderFps ?? 0 },
      created.renderMode || null,
      options.deadlineMs ?? 30_000,
      retrier,
    );
  }

  /** Re-sends so far after failures without an answer (tests and diagnostics). */
  get retries(): number {
    return this.calls.retrier.retries;
  }

  /** Starts an episode; a seed makes it reproducible (the same as Gymnasium's with that seed). */
  async reset(args: { seed?: number | bigint; options?: Record<string, unknown> } = {}): Promise<{ observation: JsValue; info: Record<string, JsValue> }> {
    const response = await this.calls.send<ResetResponse__Output>("Reset", { handle: this.handle, seed: args.seed?.toString(), options: encodeMap(args.options) });
    return { observation: decodeValue(response.observation), info: decodeMap(response.info) };
  }

  /** Advances one step. */
  async step(action: unknown): Promise<{ observation: JsValue; reward: number; terminated: boolean; truncated: boolean; info: Record<string, JsValue> }> {
    const response = await this.calls.send<StepResponse__Output>("Step", { handle: this.handle, action: encodeAction(this.actionSpace, action) });
    return {
      observation: decodeValue(response.observation),
      reward: scalarOf(decodeTensor(response.reward!)),
      terminated: scalarOf(decodeTensor(response.terminated!)) !== 0,
      truncated: scalarOf(decodeTensor(response.truncated!)) !== 0,
      info: decodeMap(response.info),
    };
  }

  /** The current frame in the render mode chosen at creation; null without one. */
  async render(): Promise<RgbImage | string | null> {
    const response = await this.calls.unsequenced<RenderResponse__Output>("Render", { handle: this.handle, encoding: "FRAME_ENCODING_RAW" });
    return response.frames.length === 0 ? null : frameOf(response.frames[0]);
  }

  /**
   * The current frame as the server encodes it in PNG (an "rgb_array" frame ~1/80 of the raw bytes: what a page wants,
   * decoding it with createImageBitmap), text for "ansi", null without a render mode.
   */
  async renderPng(): Promise<PngImage | string | null> {
    const response = await this.calls.unsequenced<RenderResponse__Output>("Render", { handle: this.handle, encoding: "FRAME_ENCODING_PNG" });
    if (response.frames.length === 0) return null;
    const frame = response.frames[0];
    if (frame.content === "text") return frame.text as string;
    const image = frame.image!;
    return { height: image.height, width: image.width, png: image.png as Uint8Array };
  }

  /** Frees the environment on the server; calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.calls.close(this.handle);
  }
}

/** N copies of an environment stepped together; batches put the copy index first. Retries as for Env. */
export class VectorEnv {
  private readonly calls: SequencedCalls;
  private closed = false;

  private constructor(
    transport: Transport,
    readonly handle: string,
    readonly numEnvs: number,
    readonly singleObservationSpace: Space,
    readonly singleActionSpace: Space,
    readonly spec: EnvSpec,
    /** Where the batch runs on the server: "cpu" or "gpu". */
    readonly backend: Backend,
    /** The vectorization in effect on the server ("auto" resolved); null on the GPU. */
    readonly vectorization: Vectorization | null,
    deadlineMs: number,
    retrier: Retrier,
  ) {
    this.calls = new SequencedCalls(transport, deadlineMs, retrier);
  }

  /** Creates `numEnvs` copies of `id` on the server behind `transport`. */
  static async create(transport: Transport, id: string, numEnvs: number, options: MakeVecOptions = {}): Promise<VectorEnv> {
    if (!Number.isInteger(numEnvs) || numEnvs < 1) throw new RangeError(`numEnvs must be a positive integer, got ${numEnvs}`);
    const request = createRequest(id, options, numEnvs); // checks the option names before anything is sent
    const retrier = new Retrier(options);
    const created = await retrier.run(() =>
      transport.call<CreateEnvironmentResponse__Output>("CreateEnvironment", request, options.deadlineMs),
    );
    return new VectorEnv(
      transport,
      created.handle,
      created.numEnvs,
      spaceFromProto(created.observationSpace!),
      spaceFromProto(created.actionSpace!),
      specFrom(created.spec!),
      optionName(backends, "BACKEND_", created.backend) ?? "cpu",
      optionName(vectorizations, "VECTORIZATION_", created.vectorization),
      options.deadlineMs ?? 30_000,
      retrier,
    );
  }

  /** Re-sends so far after failures without an answer (tests and diagnostics). */
  get retries(): number {
    return this.calls.retrier.retries;
  }

  /** Resets every copy; with a seed, copy i is seeded with seed + i. */
  async reset(args: { seed?: number; options?: Record<string, unknown> } = {}): Promise<{ observations: JsValue; info: Record<string, JsValue> }> {
    const response = await this.calls.send<ResetResponse__Output>("Reset", { handle: this.handle, seed: args.seed?.toString(), options: encodeMap(args.options) });
    return { observations: decodeValue(response.observation), info: decodeMap(response.info) };
  }

  /** Steps every copy with a batch of actions (one per copy). */
  async step(actions: unknown): Promise<{ observations: JsValue; rewards: NdArray; terminations: Uint8Array; truncations: Uint8Array; info: Record<string, JsValue> }> {
    const response = await this.calls.send<StepResponse__Output>("Step", { handle: this.handle, action: encodeAction(this.singleActionSpace, actions, this.numEnvs) });
    return {
      observations: decodeValue(response.observation),
      rewards: decodeTensor(response.reward!),
      terminations: decodeTensor(response.terminated!).data as Uint8Array,
      truncations: decodeTensor(response.truncated!).data as Uint8Array,
      info: decodeMap(response.info),
    };
  }

  /** Frees the copies on the server; calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.calls.close(this.handle);
  }
}

/** Every environment the server behind `transport` serves (re-sent while unanswered, within the default budget). */
export async function listEnvironments(transport: Transport, retry: RetryOptions = {}): Promise<EnvironmentDescription__Output[]> {
  const response = await new Retrier(retry).run(() => transport.call<ListEnvironmentsResponse__Output>("ListEnvironments", {}));
  return response.environments;
}

/** The server's live figures (GetServerStatus): server-wide, every caller's together. */
export interface ServerStatus {
  version: string;
  uptimeSeconds: number;
  handlesOpen: number;
  envStepsTotal: number;
  connections: number;
  requestsFailedTotal: number;
}

/** The live figures of the server behind `transport` (re-sent while unanswered, within the default budget). */
export async function serverStatus(transport: Transport, retry: RetryOptions = {}): Promise<ServerStatus> {
  const status = await new Retrier(retry).run(() => transport.call<ServerStatus__Output>("GetServerStatus", {}));
  return {
    version: status.version,
    uptimeSeconds: status.uptimeSeconds,
    handlesOpen: Number(status.handlesOpen),
    envStepsTotal: Number(status.envStepsTotal),
    connections: Number(status.connections),
    requestsFailedTotal: Number(status.requestsFailedTotal),
  };
}

/** What the server behind `transport` says about `id` (re-sent while unanswered, within the default budget). */
export async function describeEnvironment(transport: Transport, id: string, retry: RetryOptions = {}): Promise<EnvDescription> {
  const description = await new Retrier(retry).run(() =>
    transport.call<EnvironmentDescription__Output>("DescribeEnvironment", { envId: id }),
  );
  return {
    spec: specFrom(description.spec!),
    observationSpace: spaceFromProto(description.observationSpace!),
    actionSpace: spaceFromProto(description.actionSpace!),
    source: description.source,
    vectorizations: description.vectorizations
      .map((v) => optionName(vectorizations, "VECTORIZATION_", v))
      .filter((v): v is Vectorization => v !== null),
  };
}

function createRequest(id: string, options: MakeVecOptions, numEnvs: number): object {
  return {
    envId: id,
    kwargs: encodeMap(options.kwargs),
    numEnvs,
    renderMode: options.renderMode ?? "",
    maxEpisodeSteps: options.maxEpisodeSteps?.toString(),
    // The server rejects vector settings for a single environment.
    ...(numEnvs > 0
      ? {
          autoresetMode: `AUTORESET_MODE_${(options.autoresetMode ?? "next_step").toUpperCase()}`,
          backend: wireName(backends, "BACKEND_", "backend", options.backend ?? "auto"),
          vectorization: options.vectorization === undefined ? "VECTORIZATION_UNSPECIFIED" : wireName(vectorizations, "VECTORIZATION_", "vectorization", options.vectorization),
        }
      : {}),
  };
}

/** The protocol's name of an option ("soa" is "VECTORIZATION_SOA"); a name not in `allowed` throws before anything is sent. */
function wireName(allowed: readonly string[], prefix: string, option: string, name: string): string {
  if (!allowed.includes(name)) throw new RangeError(`${option} must be one of ${allowed.join(", ")}; got ${JSON.stringify(name)}`);
  return `${prefix}${name.toUpperCase()}`;
}

/** The option name of a protocol value ("VECTORIZATION_SOA" is "soa"); null for UNSPECIFIED or a value this client does not know. */
function optionName<T extends string>(allowed: readonly T[], prefix: string, value: string | number | null | undefined): T | null {
  const name = typeof value === "string" && value.startsWith(prefix) ? value.slice(prefix.length).toLowerCase() : null;
  return allowed.find((option) => option === name) ?? null;
}

function specFrom(spec: NonNullable<CreateEnvironmentResponse__Output["spec"]>): EnvSpec {
  return {
    id: spec.id,
    maxEpisodeSteps: spec.maxEpisodeSteps == null ? null : Number(spec.maxEpisodeSteps),
    rewardThreshold: spec.rewardThreshold ?? null,
    nondeterministic: spec.nondeterministic,
    kwargs: decodeMap(spec.kwargs),
  };
}

function frameOf(frame: RenderResponse__Output["frames"][number]): RgbImage | string {
  if (frame.content === "text") return frame.text as string;
  const image = frame.image!;
  return { height: image.height, width: image.width, data: decodeTensor(image.pixels!).data as Uint8Array };
}

/**
 * Sends a handle's requests with retries, and its resets and steps with their sequence numbers (StepRequest.sequence
 * in protos/rlgym/v1): an answer uses a number up; a request the server rejected leaves it free, as the server does; a
 * request still unanswered when the retries gave up (the server may have applied it) stays pending with its number and
 * is re-sent before the next reset or step gets one, so the numbers never leave a gap.
 */
class SequencedCalls {
  private last = 0;
  private pending: { method: "Reset" | "Step"; request: object } | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly deadlineMs: number,
    readonly retrier: Retrier,
  ) {}

  async send<T>(method: "Reset" | "Step", request: object): Promise<T> {
    await this.resendPending();
    const sequence = this.last + 1;
    const numbered = { ...request, sequence: sequence.toString() };
    try {
      const response = await this.unsequenced<T>(method, numbered);
      this.last = sequence;
      return response;
    } catch (error) {
      if (isUnanswered(error)) {
        this.last = sequence;
        this.pending = { method, request: numbered };
      }
      throw error;
    }
  }

  /** A request without a sequence number (render, close), re-sent while unanswered. */
  unsequenced<T>(method: MethodName, request: object): Promise<T> {
    return this.retrier.run(() => this.transport.call<T>(method, request, this.deadlineMs));
  }

  /**
   * Closes the handle; a re-send that finds it gone (an earlier attempt closed it, its answer lost) succeeds. Re-sent
   * for at most `closeBudgetMs`: a server that stays unreachable frees the handle by its lease, so closing then
   * succeeds too, without holding the caller for the whole retry budget.
   */
  async close(handle: string): Promise<void> {
    this.pending = null;
    try {
      await this.retrier.run(async (retry) => {
        try {
          await this.transport.call("CloseEnvironment", { handle }, this.deadlineMs);
        } catch (error) {
          if (!(retry > 0 && error instanceof NotFoundError)) throw error;
        }
      }, closeBudgetMs);
    } catch (error) {
      if (!isUnanswered(error)) throw error;
    }
  }

  /** Re-sends a pending reset or step (within a fresh budget) and discards its answer; still unanswered, it rejects. */
  private async resendPending(): Promise<void> {
    const pending = this.pending;
    if (pending === null) return;
    try {
      await this.unsequenced(pending.method, pending.request);
    } catch (error) {
      if (isUnanswered(error)) throw error;
      // Rejected (an invalid action, a handle gone): never applied, so its number is free for the next request.
      this.last--;
    }
    this.pending = null;
  }
}
