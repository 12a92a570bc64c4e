// Builds the browser dashboard that `rlgym serve --grpc-web-port N` serves at `/`:
//   index.html    copied from dashboard/index.html
//   dashboard.js  dashboard/dashboard.ts with everything it imports (../src, protobufjs) in one ES module
// The server embeds both from src/RlGym.Server/Dashboard, where they are committed so that `dotnet build` needs no
// npm; the staleness test rebuilds them into a temp dir and compares bytes, so the output must be deterministic.
// Usage: node scripts/build-dashboard.mjs [OUT_DIR]   (OUT_DIR defaults to ../../src/RlGym.Server/Dashboard)
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(process.argv[2] ?? join(packageRoot, "..", "..", "src", "RlGym.Server", "Dashboard"));

mkdirSync(outDir, { recursive: true });
copyFileSync(join(packageRoot, "dashboard", "index.html"), join(outDir, "index.html"));
await build({
  absWorkingDir: packageRoot,
  entryPoints: ["dashboard/dashboard.ts"],
  outfile: join(outDir, "dashboard.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  // protobufjs carries no licence comment of its own to keep: name it and long here; long's comment goes to the end.
  banner: { js: "// RlGym dashboard (clients/typescript/dashboard), bundled with protobufjs (BSD-3-Clause) and long (Apache-2.0)." },
  legalComments: "eof",
  logLevel: "warning",
});
