// Starts a real RlGym server (`rlgym serve`) on free loopback ports for the tests, and stops it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

export interface RunningServer {
  address: string;
  grpcWebUrl: string;
  stop(): Promise<void>;
}

function serverCommand(): string[] {
  if (process.env.RLGYM_SERVER_CMD) return process.env.RLGYM_SERVER_CMD.split(" ").filter(Boolean);
  for (const configuration of ["Release", "Debug"]) {
    const dll = join(repoRoot, "src", "RlGym.Cli", "bin", configuration, "net10.0", "rlgym.dll");
    if (existsSync(dll)) return ["dotnet", dll];
  }
  throw new Error("No built server: run `dotnet build src/RlGym.Cli -c Release` or set RLGYM_SERVER_CMD.");
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
    probe.on("error", reject);
  });
}

/** Starts `rlgym serve` and resolves once it prints that it is listening. */
export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const [port, webPort] = [await freePort(), await freePort()];
  const [command, ...args] = serverCommand();
  const child: ChildProcess = spawn(command, [...args, "serve", "--host", "127.0.0.1", "--port", String(port), "--grpc-web-port", String(webPort), ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    // Tests may leave handles open: stop without the default 10 s shutdown drain.
    env: { ...process.env, RlGym__ShutdownGracePeriod: "00:00:01" },
  });
  let output = "";
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`:${port}`) && output.includes("Listening on")) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");
  return {
    address: `127.0.0.1:${port}`,
    grpcWebUrl: `http://127.0.0.1:${webPort}`,
    stop: () =>
      new Promise((resolveStop) => {
        child.once("exit", () => resolveStop());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
