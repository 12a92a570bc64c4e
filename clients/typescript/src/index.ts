// @rlgym/client for Node: Gymnasium-style environments served by an RlGym server over gRPC.
import { describeEnvironment, Env, listEnvironments, serverStatus, VectorEnv, type EnvDescription, type MakeOptions, type MakeVecOptions, type ServerStatus } from "./env.js";
import { NodeTransport } from "./node-transport.js";
import type { RetryOptions } from "./retry.js";
import { ShardedVectorEnv } from "./sharded.js";

export * from "./env.js";
export * from "./errors.js";
export { ShardedVectorEnv } from "./sharded.js";
export * from "./spaces.js";
export * from "./tensor.js";
export type { JsValue } from "./values.js";
export { NodeTransport } from "./node-transport.js";
export { retryDefaults, type RetryOptions } from "./retry.js";
export { GrpcWebTransport } from "./web-transport.js";
export type { Transport } from "./transport.js";

const defaultAddress = "localhost:50051";

/** Where the server is and how to authenticate to it. */
export interface ConnectOptions {
  /** "host:port" or "unix:///path.sock"; default "localhost:50051". */
  address?: string;
  /** API key for servers that require one; default: the RLGYM_API_KEY environment variable. */
  apiKey?: string;
}

const connect = (options: ConnectOptions & RetryOptions) =>
  new NodeTransport(options.address ?? defaultAddress, options.apiKey ?? process.env.RLGYM_API_KEY, {
    initialBackoffMs: options.retryBackoffMs,
    maxBackoffMs: options.retryMaxBackoffMs,
  });

/** Creates `id` on the server at `address` ("host:port" or "unix:///path.sock"), like gymnasium.make. */
export async function make(id: string, options: MakeOptions & ConnectOptions = {}): Promise<Env> {
  return Env.create(connect(options), id, options);
}

/** Creates `numEnvs` copies of `id`, like gymnasium.make_vec. */
export async function makeVec(id: string, numEnvs: number, options: MakeVecOptions & ConnectOptions = {}): Promise<VectorEnv> {
  return VectorEnv.create(connect(options), id, numEnvs, options);
}

/**
 * Creates `numEnvs` copies of `id` spread over the servers at `addresses` (replicas), stepped together and joined in
 * copy order: the same results as one server's for the same seeds (scale-out, docs/containers.md).
 */
export async function makeShardedVec(
  id: string,
  numEnvs: number,
  addresses: string[],
  options: MakeVecOptions & Pick<ConnectOptions, "apiKey"> = {},
): Promise<ShardedVectorEnv> {
  const used = addresses.slice(0, Math.max(1, Math.min(numEnvs, addresses.length)));
  const transports = used.map((address) => connect({ ...options, address }));
  return ShardedVectorEnv.create(transports, used, id, numEnvs, options);
}

/** The ids the server at `address` serves (to this API key). */
export async function listEnvs(address = defaultAddress, apiKey?: string): Promise<string[]> {
  const transport = connect({ address, apiKey });
  try {
    return (await listEnvironments(transport)).map((e) => e.spec!.id);
  } finally {
    transport.close();
  }
}

/** The live figures of the server at `address`: handles open, steps applied, connections, failed calls, uptime. */
export async function getServerStatus(options: ConnectOptions & RetryOptions = {}): Promise<ServerStatus> {
  const transport = connect(options);
  try {
    return await serverStatus(transport, options);
  } finally {
    transport.close();
  }
}

/** What the server at `address` says about `id`: spec, spaces, source and the vectorizations makeVec may name for it. */
export async function describeEnv(id: string, options: ConnectOptions & RetryOptions = {}): Promise<EnvDescription> {
  const transport = connect(options);
  try {
    return await describeEnvironment(transport, id, options);
  } finally {
    transport.close();
  }
}
