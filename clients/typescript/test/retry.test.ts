import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { ConnectionError, Env, InvalidArgumentError, make, makeVec, NodeTransport, StatusCode, type NdArray } from "../src/index.js";
import { closeBudgetMs } from "../src/env.js";
import { Retrier, retryDefaults } from "../src/retry.js";
import { DroppingProxy, seededRandom } from "./proxy.js";
import { startServer, type RunningServer } from "./server.js";

/** Quick re-sends: loopback reconnects in about a millisecond. */
const quickRetry = { retryBackoffMs: 1, retryMaxBackoffMs: 20 };
/** A short budget, and reconnect attempts well inside it. */
const shortBudget = { retryBudgetMs: 500, retryBackoffMs: 50, retryMaxBackoffMs: 200 };

type Step = Awaited<ReturnType<Env["step"]>>;

function assertSameStep(actual: Step, expected: Step, message: string): void {
  assert.deepEqual((actual.observation as NdArray).data, (expected.observation as NdArray).data, message);
  assert.deepEqual([actual.reward, actual.terminated, actual.truncated], [expected.reward, expected.terminated, expected.truncated], message);
}

describe("retries: a request left without an answer is re-sent with its sequence number, and the env never wedges", () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  /** The fault-free trajectory of 10,000 seeded steps (random actions, reset on episode end), recorded once. */
  let faultFree: { action: number; step: Step; reset?: NdArray }[] | undefined;
  async function faultFreeTrajectory(): Promise<{ first: NdArray; steps: NonNullable<typeof faultFree> }> {
    const env = await make("CartPole-v1", { address: server.address });
    try {
      const first = (await env.reset({ seed: 0 })).observation as NdArray;
      if (faultFree === undefined) {
        const random = seededRandom(0);
        faultFree = [];
        for (let t = 0; t < 10_000; t++) {
          const action = random() < 0.5 ? 0 : 1;
          const step = await env.step(action);
          const ended = step.terminated || step.truncated;
          faultFree.push({ action, step, reset: ended ? ((await env.reset()).observation as NdArray) : undefined });
        }
      }
      return { first, steps: faultFree };
    } finally {
      await env.close();
    }
  }

  for (const dropProbability of [0.01, 0.15]) {
    it(`10,000 seeded CartPole steps at ${dropProbability * 100}% dropped connections equal the fault-free trajectory`, async () => {
      const expected = await faultFreeTrajectory();
      const proxy = await DroppingProxy.start(server.address, { dropProbability, seed: 0 });
      const remote = await make("CartPole-v1", { address: proxy.address, ...quickRetry });
      const started = performance.now();
      try {
        assert.deepEqual(((await remote.reset({ seed: 0 })).observation as NdArray).data, expected.first.data);
        let episodes = 1;
        for (const [t, { action, step, reset }] of expected.steps.entries()) {
          assertSameStep(await remote.step(action), step, `step ${t}`);
          if (reset !== undefined) {
            assert.deepEqual(((await remote.reset()).observation as NdArray).data, reset.data, `reset after step ${t}`);
            episodes++;
          }
        }
        console.log(
          `p = ${dropProbability}: ${expected.steps.length} steps, ${episodes} episodes in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
            `${proxy.drops} drops (${proxy.dropsBeforeServer} towards the server, ${proxy.dropsAfterServer} back), ` +
            `${remote.retries} re-sends, ${proxy.connections} connections`,
        );
        assert.ok(proxy.dropsBeforeServer > 0 && proxy.dropsAfterServer > 0, "both fates must have happened");
      } finally {
        await remote.close();
        await proxy.close();
      }
    });
  }

  it("steps a vector env through 15% dropped connections as without them", async () => {
    const proxy = await DroppingProxy.start(server.address, { dropProbability: 0.15, seed: 1 });
    const faultFree = await makeVec("CartPole-v1", 8, { address: server.address });
    const remote = await makeVec("CartPole-v1", 8, { address: proxy.address, ...quickRetry });
    const random = seededRandom(1);
    try {
      assert.deepEqual(((await remote.reset({ seed: 0 })).observations as NdArray).data, ((await faultFree.reset({ seed: 0 })).observations as NdArray).data);
      for (let t = 0; t < 300; t++) {
        const actions = Array.from({ length: 8 }, () => (random() < 0.5 ? 0 : 1));
        const [expected, actual] = [await faultFree.step(actions), await remote.step(actions)];
        assert.deepEqual((actual.observations as NdArray).data, (expected.observations as NdArray).data, `step ${t}`);
        assert.deepEqual(actual.terminations, expected.terminations);
      }
      assert.ok(proxy.drops > 0);
    } finally {
      await remote.close();
      await faultFree.close();
      await proxy.close();
    }
  });

  for (const answerLost of [false, true]) {
    it(`a step unanswered past the budget rejects, and once the server is reachable the next step continues the trajectory (${answerLost ? "answer lost" : "request lost"})`, async () => {
      const proxy = await DroppingProxy.start(server.address);
      const faultFree = await make("CartPole-v1", { address: server.address });
      const remote = await make("CartPole-v1", { address: proxy.address, ...shortBudget });
      try {
        await Promise.all([remote.reset({ seed: 0 }), faultFree.reset({ seed: 0 })]);
        await Promise.all([remote.step(0), faultFree.step(0)]);

        // Unreachable for 2 s: the step never reaches the server, or the server applies it and the answer is lost.
        const outage = performance.now();
        if (answerLost) proxy.dropNextAnswer(true);
        else proxy.refuse();
        await assert.rejects(remote.step(1), (error: Error) => error instanceof ConnectionError);
        const gaveUpAfter = performance.now() - outage;
        await sleep(2000 - (performance.now() - outage));
        proxy.admit();
        const next = await remote.step(0);
        const then = await remote.step(1);

        console.log(`gave up after ${gaveUpAfter.toFixed(0)} ms; ${remote.retries} re-sends in all`);
        assert.ok(gaveUpAfter >= 450 && gaveUpAfter < 1900, `gave up after ${gaveUpAfter} ms`);
        await faultFree.step(1);
        assertSameStep(next, await faultFree.step(0), "the step after the outage");
        assertSameStep(then, await faultFree.step(1), "the step after that");
      } finally {
        await remote.close();
        await faultFree.close();
        await proxy.close();
      }
    });
  }

  it("a step whose every attempt failed before reaching the server leaves no sequence gap (the wedge of issue #13)", async () => {
    const proxy = await DroppingProxy.start(server.address);
    const faultFree = await make("CartPole-v1", { address: server.address });
    const remote = await make("CartPole-v1", { address: proxy.address, retryBudgetMs: 0 });
    try {
      await Promise.all([remote.reset({ seed: 0 }), faultFree.reset({ seed: 0 })]);

      proxy.refuse();
      await assert.rejects(remote.step(1), (error: Error) => error instanceof ConnectionError);
      proxy.admit();
      await sleep(1500); // past the channel's reconnect backoff
      const next = await remote.step(0);

      await faultFree.step(1);
      assertSameStep(next, await faultFree.step(0), "the step after the failed one");
    } finally {
      await remote.close();
      await faultFree.close();
      await proxy.close();
    }
  });

  it("a pending step the server rejects once reachable leaves its number to the next step", async () => {
    const proxy = await DroppingProxy.start(server.address);
    const faultFree = await make("CartPole-v1", { address: server.address });
    const remote = await make("CartPole-v1", { address: proxy.address, ...shortBudget });
    try {
      await Promise.all([remote.reset({ seed: 0 }), faultFree.reset({ seed: 0 })]);

      proxy.refuse();
      await assert.rejects(remote.step(5), (error: Error) => error instanceof ConnectionError);
      proxy.admit();
      const next = await remote.step(1);

      assertSameStep(next, await faultFree.step(1), "the step after the rejected one");
    } finally {
      await remote.close();
      await faultFree.close();
      await proxy.close();
    }
  });

  it("never re-sends a request the server rejected", async () => {
    const remote = await make("CartPole-v1", { address: server.address });
    try {
      await remote.reset({ seed: 0 });
      await assert.rejects(remote.step(5), (error: Error) => error instanceof InvalidArgumentError);
      assert.equal(remote.retries, 0);
    } finally {
      await remote.close();
    }
  });

  it("re-sends render after a lost answer, and a close whose answer was lost finds the handle gone and succeeds", async () => {
    const proxy = await DroppingProxy.start(server.address);
    const remote = await make("CartPole-v1", { address: proxy.address, renderMode: "rgb_array", ...quickRetry });
    try {
      await remote.reset({ seed: 0 });
      proxy.dropNextAnswer();
      const frame = await remote.render();
      assert.ok(frame !== null && typeof frame !== "string" && frame.height > 0);
      proxy.dropNextAnswer();
      await remote.close();
      assert.equal(proxy.drops, 2);
      assert.equal(remote.retries, 2);
    } finally {
      await proxy.close();
    }
  });

  it("a close whose server stays unreachable gives up after closeBudgetMs, not the whole retry budget, and succeeds", async () => {
    const proxy = await DroppingProxy.start(server.address);
    const remote = await make("CartPole-v1", { address: proxy.address });
    try {
      proxy.refuse();
      const started = performance.now();
      await remote.close();
      const took = performance.now() - started;

      assert.ok(remote.retries > 0, "the close was not re-sent while the server was unreachable");
      assert.ok(took >= 0.8 * closeBudgetMs && took < retryDefaults.retryBudgetMs / 2, `close took ${took} ms`);
    } finally {
      await proxy.close();
    }
  });

  it("re-sends while the channel cannot connect, then answers once the server is reachable", async () => {
    const proxy = await DroppingProxy.start(server.address);
    const transport = new NodeTransport(proxy.address, undefined, { initialBackoffMs: 10, maxBackoffMs: 50 });
    try {
      proxy.refuse();
      setTimeout(() => proxy.admit(), 300);
      const retrier = new Retrier({ retryBackoffMs: 10, retryMaxBackoffMs: 50 });
      const response = await retrier.run(() => transport.call<{ environments: unknown[] }>("ListEnvironments", {}));
      assert.ok(response.environments.length > 0);
      assert.ok(retrier.retries > 0);
    } finally {
      transport.close();
      await proxy.close();
    }
  });
});

describe("Retrier", () => {
  it("waits 50 ms doubling to 1 s, each drawn between half and all of that", () => {
    const retrier = new Retrier({}, seededRandom(0));
    [50, 100, 200, 400, 800, 1000, 1000].forEach((ceiling, retry) => {
      const wait = retrier.nextWait(retry, 0)!;
      assert.ok(wait >= ceiling / 2 && wait <= ceiling, `retry ${retry}: ${wait} ms`);
    });
  });

  it("never waits past the budget and stops once it is spent", () => {
    const retrier = new Retrier({}, () => 0.99);
    assert.equal(retrier.nextWait(10, 29_990), 10);
    assert.equal(retrier.nextWait(10, 30_000), null);
    assert.equal(new Retrier({ retryBudgetMs: 0 }).nextWait(0, 0), null);
  });

  it("re-sends only errors without an answer", async () => {
    const retrier = new Retrier({ retryBackoffMs: 1 });
    let attempts = 0;
    const answer = await retrier.run(async () => {
      if (++attempts < 3) throw new ConnectionError(attempts === 1 ? StatusCode.UNAVAILABLE : StatusCode.DEADLINE_EXCEEDED, "no answer");
      return "answer";
    });
    assert.equal(answer, "answer");
    assert.equal(retrier.retries, 2);

    attempts = 0;
    await assert.rejects(
      retrier.run(async () => {
        attempts++;
        throw new InvalidArgumentError(StatusCode.INVALID_ARGUMENT, "rejected");
      }),
      InvalidArgumentError,
    );
    assert.equal(attempts, 1);
  });
});
