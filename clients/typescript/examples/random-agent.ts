// A random agent on CartPole-v1 served by RlGym: prints each episode's return.
// Run: npm run example -- [address]   (start the server first: rlgym serve)
import { make } from "../src/index.js";

const address = process.argv[2] ?? "localhost:50051";
const env = await make("CartPole-v1", { address });
try {
  for (let episode = 0; episode < 5; episode++) {
    await env.reset({ seed: episode });
    let episodeReturn = 0;
    for (let done = false; !done; ) {
      const step = await env.step(env.actionSpace.sample());
      episodeReturn += step.reward;
      done = step.terminated || step.truncated;
    }
    console.log(`episode ${episode}: return ${episodeReturn}`);
  }
} finally {
  await env.close();
}
