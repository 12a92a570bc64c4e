import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { NodeTransport, NotFoundError } from "../src/index.js";
import { startServer, type RunningServer } from "./server.js";

// A client in its own Node process: creates CartPole, resets it, prints the handle, then exits without closing it
// ("exit") or stays until killed ("stay").
const client = `
const [moduleUrl, address, mode] = process.argv.slice(1);
const { make } = await import(moduleUrl);
const env = await make("CartPole-v1", { address });
await env.reset({ seed: 0 });
console.log(env.handle);
if (mode === "exit") process.exit(0);
setInterval(() => {}, 60_000);
`;

/** Starts a client process; resolves with the process and the handle it printed. */
async function clientProcess(address: string, mode: "exit" | "stay"): Promise<{ child: ChildProcess; handle: string }> {
  const moduleUrl = new URL("../src/index.js", import.meta.url).href;
  const child = spawn(process.execPath, ["--input-type=module", "-e", client, moduleUrl, address, mode], { stdio: ["ignore", "pipe", "inherit"] });
  const handle = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output.trim());
    });
    child.on("close", (code) => reject(new Error(`client process ended (${code}) without printing a handle`)));
  });
  return { child, handle };
}

describe("handle lease: a handle outlives its client's connection by the server's lease", () => {
  const leaseSeconds = 1;
  let server: RunningServer;

  before(async () => {
    server = await startServer(["--handle-lease", String(leaseSeconds)]);
  });

  after(async () => {
    await server?.stop();
  });

  it("frees the handle of a client process that exited without closing it, and keeps a living client's", async () => {
    const gone = await clientProcess(server.address, "exit");
    const living = await clientProcess(server.address, "stay");
    if (gone.child.exitCode === null) await once(gone.child, "exit");

    await sleep(leaseSeconds * 1000 + 2000);
    const transport = new NodeTransport(server.address);
    try {
      await assert.rejects(transport.call("Reset", { handle: gone.handle }), (error: Error) => {
        assert.ok(error instanceof NotFoundError, String(error));
        assert.match(error.message, /after its client's connection closed/);
        return true;
      });
      await transport.call("Reset", { handle: living.handle, seed: "1" });
    } finally {
      transport.close();
      living.child.kill();
    }
  });
});
