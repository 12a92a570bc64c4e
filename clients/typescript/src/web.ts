// @rlgym/client/web for browsers: the same Env and VectorEnv over gRPC-Web (unary calls only).
import { Env, VectorEnv, type MakeOptions, type MakeVecOptions } from "./env.js";
import { GrpcWebTransport } from "./web-transport.js";

export * from "./env.js";
export * from "./errors.js";
export * from "./spaces.js";
export * from "./tensor.js";
export { GrpcWebTransport } from "./web-transport.js";
export { retryDefaults, type RetryOptions } from "./retry.js";

/** Creates `id` on the server whose gRPC-Web endpoint is `baseUrl` (e.g. "http://localhost:8080"). */
export function make(id: string, baseUrl: string, options: MakeOptions = {}): Promise<Env> {
  return Env.create(new GrpcWebTransport(baseUrl), id, options);
}

/** Creates `numEnvs` copies of `id` over gRPC-Web. */
export function makeVec(id: string, numEnvs: number, baseUrl: string, options: MakeVecOptions = {}): Promise<VectorEnv> {
  return VectorEnv.create(new GrpcWebTransport(baseUrl), id, numEnvs, options);
}
