import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  Box,
  Discrete,
  FailedPreconditionError,
  GrpcWebTransport,
  InvalidArgumentError,
  listEnvs,
  make,
  makeVec,
  Env,
  AccessDeniedError,
  describeEnv,
  getServerStatus,
  NotFoundError,
  vectorizations,
  type Backend,
  type Vectorization,
  type NdArray,
  type RgbImage,
} from "../src/index.js";
import { repoRoot, startServer, type RunningServer } from "./server.js";

interface Episode {
  reset_seed: number | null;
  reset: { obs: number[] };
  length: number;
  last_terminated: boolean;
  last_truncated: boolean;
  steps: { action: number[]; obs: number[][]; reward: number[] };
}

const fixture = JSON.parse(readFileSync(join(repoRoot, "..", "shared", "fixtures", "gymnasium", "CartPole-v1.json"), "utf8")) as {
  runs: { seed: number; policy: string; episodes: Episode[] }[];
};

/** Recorded float32 values are decimals of exact float32 values: Math.fround gives them back exactly. */
const asFloat32 = (values: number[]) => Float32Array.from(values, Math.fround);

async function replay(env: Env, run: (typeof fixture.runs)[number]): Promise<void> {
  for (const episode of run.episodes) {
    const { observation, info } = await env.reset(episode.reset_seed === null ? {} : { seed: episode.reset_seed });
    assert.deepEqual((observation as NdArray).data, asFloat32(episode.reset.obs));
    assert.deepEqual(info, {});
    for (let t = 0; t < episode.length; t++) {
      const step = await env.step(episode.steps.action[t]);
      assert.deepEqual((step.observation as NdArray).data, asFloat32(episode.steps.obs[t]), `seed ${run.seed} step ${t}`);
      assert.equal(step.reward, episode.steps.reward[t]);
      const last = t === episode.length - 1;
      assert.equal(step.terminated, last && episode.last_terminated);
      assert.equal(step.truncated, last && episode.last_truncated);
    }
  }
}

describe("RlGym TypeScript client against a real server", () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  it("lists the served environments", async () => {
    assert.ok((await listEnvs(server.address)).includes("CartPole-v1"));
  });

  it("describes CartPole's spaces and spec", async () => {
    const env = await make("CartPole-v1", { address: server.address });
    try {
      assert.ok(env.actionSpace instanceof Discrete);
      assert.equal((env.actionSpace as Discrete).n, 2);
      assert.ok(env.observationSpace instanceof Box);
      assert.deepEqual((env.observationSpace as Box).shape, [4]);
      assert.equal(env.spec.maxEpisodeSteps, 500);
      assert.equal(env.spec.rewardThreshold, 475);
    } finally {
      await env.close();
    }
  });

  for (const run of fixture.runs) {
    it(`replays CartPole-v1 seed ${run.seed} (${run.policy}) exactly as Gymnasium`, async () => {
      const env = await make("CartPole-v1", { address: server.address });
      try {
        await replay(env, run);
      } finally {
        await env.close();
      }
    });
  }

  it("replays CartPole-v1 over gRPC-Web as well", async () => {
    const env = await Env.create(new GrpcWebTransport(server.grpcWebUrl), "CartPole-v1");
    try {
      await replay(env, fixture.runs[0]);
    } finally {
      await env.close();
    }
  });

  it("renders rgb_array frames of 400 x 600 x 3", async () => {
    const env = await make("CartPole-v1", { address: server.address, renderMode: "rgb_array" });
    try {
      await env.reset({ seed: 1 });
      const frame = (await env.render()) as RgbImage;
      assert.equal(frame.height, 400);
      assert.equal(frame.width, 600);
      assert.equal(frame.data.length, 400 * 600 * 3);
    } finally {
      await env.close();
    }
  });

  it("rejects an unknown id with the served ids in the message", async () => {
    await assert.rejects(make("NoSuchEnv-v0", { address: server.address }), (error: Error) => {
      assert.ok(error instanceof NotFoundError);
      assert.match(error.message, /CartPole-v1/);
      return true;
    });
  });

  it("rejects an action outside the action space and keeps serving", async () => {
    const env = await make("CartPole-v1", { address: server.address });
    try {
      await env.reset({ seed: 0 });
      await assert.rejects(env.step(7), InvalidArgumentError);
      await env.reset({ seed: 0 });
      const step = await env.step(1);
      assert.equal(step.reward, 1);
    } finally {
      await env.close();
    }
  });

  it("rejects step before reset", async () => {
    const env = await make("CartPole-v1", { address: server.address });
    try {
      await assert.rejects(env.step(0), FailedPreconditionError);
    } finally {
      await env.close();
    }
  });

  it("closes idempotently", async () => {
    const env = await make("CartPole-v1", { address: server.address });
    await env.close();
    await env.close();
  });

  for (const [asked, expected] of [[undefined, "soa"], ["auto", "soa"], ["sync", "sync"], ["soa", "soa"], ["gymnasium", "gymnasium"], ["fast", "fast"]] as const) {
    it(`makeVec with vectorization ${asked ?? "unset"} runs ${expected} on the server`, async () => {
      const env = await makeVec("CartPole-v1", 2, { address: server.address, vectorization: asked, backend: "cpu" });
      try {
        assert.equal(env.vectorization, expected);
        assert.equal(env.backend, "cpu");
      } finally {
        await env.close();
      }
    });
  }

  it("makeVec with vectorization gymnasium steps Gymnasium's vector env (float32 rewards), sync the copies' (float64)", async () => {
    const rewards: Record<string, string> = {};
    for (const vectorization of ["gymnasium", "sync"] as const) {
      const env = await makeVec("CartPole-v1", 2, { address: server.address, vectorization });
      try {
        await env.reset({ seed: 0 });
        rewards[vectorization] = (await env.step([0, 1])).rewards.dtype;
      } finally {
        await env.close();
      }
    }
    assert.deepEqual(rewards, { gymnasium: "float32", sync: "float64" });
  });

  it("rejects an unknown vectorization or backend name before sending anything", async () => {
    const unreachable = "127.0.0.1:1";
    await assert.rejects(makeVec("CartPole-v1", 2, { address: unreachable, vectorization: "magic" as Vectorization }), (error: Error) => {
      assert.ok(error instanceof RangeError);
      assert.equal(error.message, 'vectorization must be one of auto, sync, parallel, soa, gymnasium, fast; got "magic"');
      return true;
    });
    await assert.rejects(makeVec("CartPole-v1", 2, { address: unreachable, backend: "tpu" as Backend }), /backend must be one of auto, cpu, gpu; got "tpu"/);
  });

  it("passes on the server's error for a vectorization the id lacks, listing those it has", async () => {
    await assert.rejects(makeVec("FrozenLake-v1", 2, { address: server.address, vectorization: "soa" }), (error: Error) => {
      assert.ok(error instanceof InvalidArgumentError);
      assert.match(error.message, /available: auto, sync, parallel\./);
      return true;
    });
  });

  it("sends the backend: gpu with a CPU vectorization is refused, gpu alone needs a GPU", async () => {
    await assert.rejects(makeVec("CartPole-v1", 2, { address: server.address, backend: "gpu", vectorization: "soa" }), /cannot be combined with BACKEND_GPU/);
    try {
      const env = await makeVec("CartPole-v1", 2, { address: server.address, backend: "gpu" });
      assert.equal(env.backend, "gpu"); // a server with a CUDA device grants it
      assert.equal(env.vectorization, null);
      await env.close();
    } catch (error) {
      assert.ok(error instanceof FailedPreconditionError);
      assert.match((error as Error).message, /no CUDA device; found:/);
    }
  });

  it("reports the server's live figures, counting every copy's steps", async () => {
    const before = await getServerStatus({ address: server.address });
    const env = await makeVec("CartPole-v1", 3, { address: server.address });
    try {
      await env.reset({ seed: 1 });
      await env.step([0, 1, 0]);
      await env.step([1, 0, 1]);
      const during = await getServerStatus({ address: server.address });
      assert.equal(during.envStepsTotal - before.envStepsTotal, 6);
      assert.equal(during.handlesOpen - before.handlesOpen, 1);
      assert.ok(during.connections >= 1 && during.uptimeSeconds > before.uptimeSeconds);
      assert.match(during.version, /^\d+\.\d+\.\d+/);
    } finally {
      await env.close();
    }
    assert.equal((await getServerStatus({ address: server.address })).handlesOpen, before.handlesOpen);
  });

  it("describes an id's vectorizations", async () => {
    const cartPole = await describeEnv("CartPole-v1", { address: server.address });
    const frozenLake = await describeEnv("FrozenLake-v1", { address: server.address });
    assert.deepEqual(cartPole.vectorizations, ["sync", "parallel", "soa", "gymnasium", "fast"]);
    assert.deepEqual(frozenLake.vectorizations, ["sync", "parallel"]);
    assert.equal(cartPole.spec.maxEpisodeSteps, 500);
    assert.ok(cartPole.actionSpace instanceof Discrete);
    assert.deepEqual(vectorizations, ["auto", "sync", "parallel", "soa", "gymnasium", "fast"]);
  });

  it("steps a batch of 4 CartPoles as Gymnasium's CartPoleVectorEnv does (fixture run)", async () => {
    const vector = JSON.parse(readFileSync(join(repoRoot, "..", "shared", "fixtures", "gymnasium", "CartPole-v1_vector.json"), "utf8")) as {
      runs: { name: string; num_envs: number; seed: number; reset: { obs: number[][] }; steps: { action: number[][]; obs: number[][][]; reward: number[][]; terminated: boolean[][] } }[];
    };
    const run = vector.runs.find((r) => r.name === "vector_entry_point_N4_seed0_random")!;
    const env = await makeVec("CartPole-v1", 4, { address: server.address, vectorization: "gymnasium" });
    try {
      assert.equal(env.numEnvs, 4);
      const { observations } = await env.reset({ seed: run.seed });
      const obs = observations as NdArray;
      assert.equal(obs.dtype, "float32");
      assert.deepEqual(obs.shape, [4, 4]);
      assert.deepEqual(obs.data, asFloat32(run.reset.obs.flat()));
      for (let t = 0; t < 20; t++) {
        const step = await env.step(run.steps.action[t]);
        const stepObs = step.observations as NdArray;
        assert.deepEqual(stepObs.shape, [4, 4]);
        assert.deepEqual(stepObs.data, asFloat32(run.steps.obs[t].flat()), `step ${t}`);
        assert.equal(step.rewards.dtype, "float32"); // as Gymnasium's CartPoleVectorEnv returns them
        assert.deepEqual(step.rewards.shape, [4]);
        assert.deepEqual(Array.from(step.rewards.data as Float32Array), run.steps.reward[t]);
        assert.deepEqual(Array.from(step.terminations, (x) => x !== 0), run.steps.terminated[t].map(Boolean));
        assert.equal(step.truncations.length, 4);
      }
    } finally {
      await env.close();
    }
  });
});

describe("RlGym TypeScript client against a server that requires an API key", () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer(["--api-key", "ts-secret"]);
  });

  after(async () => {
    await server.stop();
  });

  it("rejects a call without a key as AccessDeniedError naming the header", async () => {
    await assert.rejects(make("CartPole-v1", { address: server.address, apiKey: "" }), (error: unknown) => {
      assert.ok(error instanceof AccessDeniedError);
      assert.equal(error.code, 16);
      assert.match(error.message, /x-api-key/);
      return true;
    });
  });

  it("plays with the key over gRPC and over gRPC-Web", async () => {
    const env = await make("CartPole-v1", { address: server.address, apiKey: "ts-secret" });
    const web = await Env.create(new GrpcWebTransport(server.grpcWebUrl, undefined, "ts-secret"), "CartPole-v1");
    try {
      const [a, b] = [await env.reset({ seed: 5 }), await web.reset({ seed: 5 })];
      assert.deepEqual((a.observation as NdArray).data, (b.observation as NdArray).data);
      assert.ok((await listEnvs(server.address, "ts-secret")).includes("CartPole-v1"));
    } finally {
      await env.close();
      await web.close();
    }
  });
});
