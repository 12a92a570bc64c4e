// @rlgym/client for Node: Gymnasium-style environments served by an RlGym server over gRPC.
import { Env, listEnvironments, VectorEnv, type MakeOptions, type MakeVecOptions } from "./env.js";
import { NodeTransport } from "./node-transport.js";

export * from "./env.js";
export * from "./errors.js";
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

/** The ids the server at `address` serves. */
export async function listEnvs(address = defaultAddress): Promise<string[]> {
  const transport = new NodeTransport(address);
  try {
    return (await listEnvironments(transport)).map((e) => e.spec!.id);
  } finally {
    transport.close();
  }
}
