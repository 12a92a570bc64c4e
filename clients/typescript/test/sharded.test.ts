import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConnectionError, makeShardedVec, makeVec, type NdArray } from "../src/index.js";
import { startServer, type RunningServer } from "./server.js";

describe("makeShardedVec: one vector environment over three servers", () => {
  let servers: RunningServer[] = [];

  before(async () => {
    servers = await Promise.all([startServer(), startServer(), startServer()]);
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it("equals one server copy for copy, infos included", async () => {
    const n = 10;
    const addresses = servers.map((s) => s.address);
    const sharded = await makeShardedVec("CartPole-v1", n, addresses, { autoresetMode: "same_step" });
    const single = await makeVec("CartPole-v1", n, { address: addresses[0], autoresetMode: "same_step" });
    try {
      assert.deepEqual(sharded.shards.map((s) => s.numEnvs), [4, 3, 3]);
      assert.deepEqual((await sharded.reset({ seed: 42 })).observations, (await single.reset({ seed: 42 })).observations);
      let finals = 0;
      for (let t = 0; t < 200; t++) {
        const actions = Array.from({ length: n }, (_, i) => (t * 7 + i * 3) % 2);
        const [expected, actual] = [await single.step(actions), await sharded.step(actions)];
        assert.deepEqual(actual.observations, expected.observations, `step ${t}`);
        assert.deepEqual(actual.rewards, expected.rewards, `step ${t}`);
        assert.deepEqual(actual.terminations, expected.terminations, `step ${t}`);
        assert.deepEqual(actual.truncations, expected.truncations, `step ${t}`);
        assert.deepEqual(Object.keys(actual.info).sort(), Object.keys(expected.info).sort(), `step ${t}`);
        if ("_final_obs" in expected.info) {
          assert.deepEqual(actual.info._final_obs, expected.info._final_obs, `step ${t}`);
          assert.deepEqual(actual.info.final_obs, expected.info.final_obs, `step ${t}`);
          finals += ((expected.info._final_obs as NdArray).data as Uint8Array).filter((x) => x !== 0).length;
        }
      }
      assert.ok(finals > n, "200 steps must end many episodes, exercising the merged final_obs info");
    } finally {
      await Promise.all([sharded.close(), single.close()]);
    }
  });

  it("names a lost shard in its ConnectionError", async () => {
    const extra = await startServer();
    const env = await makeShardedVec("CartPole-v1", 5, [servers[0].address, extra.address]);
    await env.reset({ seed: 0 });
    await extra.stop();

    await assert.rejects(env.step([0, 0, 0, 0, 0]), (error: Error) => {
      assert.ok(error instanceof ConnectionError, String(error));
      assert.match(error.message, new RegExp(`^shard 1 at ${extra.address} \\(copies 3\\.\\.4\\): `));
      return true;
    });
  });
});
