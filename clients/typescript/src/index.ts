// @rlgym/client for Node: Gymnasium-style environments served by an RlGym server over gRPC.
import { Env, listEnvironments, VectorEnv, type MakeOptions, type MakeVecOptions } from "./env.js";
import { NodeTransport } from "./node-transport.js";
import { ShardedVectorEnv } from "./sharded.js";

export * from "./env.js";
export * from "./errors.js";
export { ShardedVectorEnv } from "./sharded.js";
export * from "./spaces.js";
export * from "./tensor.js";
export type { JsValue } from "./values.js";
export { NodeTransport } from "./node-transport.js";
export { GrpcWebTransport } from "./web-transport.js";
export type { Transport } from "./transport.js";

const defaultAddress = "localhost:50051";

/** Creates `id` on the server at `address` ("host:port" or "unix:///path.sock"), like gymnasium.make. */
export async function make(id: string, options: MakeOptions & { address?: string } = {}): Promise<Env> {
  return Env.create(new NodeTransport(options.address ?? defaultAddress), id, options);
}

/** Creates `numEnvs` copies of `id`, like gymnasium.make_vec. */
export async function makeVec(id: string, numEnvs: number, options: MakeVecOptions & { address?: string } = {}): Promise<VectorEnv> {
  return VectorEnv.create(new NodeTransport(options.address ?? defaultAddress), id, numEnvs, options);
}

/**
 * Creates `numEnvs` copies of `id` spread over the servers at `addresses` (replicas), stepped together and joined in
 * copy order: the same results as one server's for the same seeds (scale-out, docs/containers.md).
 */
export async function makeShardedVec(id: string, numEnvs: number, addresses: string[], options: MakeVecOptions = {}): Promise<ShardedVectorEnv> {
  const transports = addresses.slice(0, Math.max(1, Math.min(numEnvs, addresses.length))).map((address) => new NodeTransport(address));
  return ShardedVectorEnv.create(transports, addresses.slice(0, transports.length), id, numEnvs, options);
}

/** The ids the server at `address` serves. */
export async function listEnvs(address = defaultAddress): Promise<string[]> {
  const transport = new NodeTransport(address);
  try {
    return (await listEnvironments(transport)).map((e) => e.spec!.id);
  } finally {
    transport.close();
  }
}
