import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeTensor, encodeTensor } from "../src/index.js";
import { repoRoot } from "./server.js";

describe("tensors", () => {
  it("round-trips float32 values bit for bit", () => {
    const values = Float32Array.from([0.1, -2.5, 3.4028234663852886e38, -0]);
    const tensor = encodeTensor("float32", [2, 2], values);
    const decoded = decodeTensor({ dtype: tensor.dtype as never, shape: ["2", "2"], data: Buffer.from(tensor.data as Uint8Array) });
    assert.deepEqual(decoded.shape, [2, 2]);
    assert.deepEqual(decoded.data, values);
  });

  it("reads tensors whose bytes sit at odd offsets", () => {
    const backing = Buffer.alloc(9);
    Buffer.from(Float64Array.from([1.5]).buffer).copy(backing, 1);
    const decoded = decodeTensor({ dtype: "DTYPE_FLOAT64", shape: [], data: backing.subarray(1) } as never);
    assert.equal(decoded.data[0], 1.5);
  });

  it("rejects a tensor whose byte count does not match its shape", () => {
    assert.throws(() => decodeTensor({ dtype: "DTYPE_FLOAT32", shape: ["3"], data: Buffer.alloc(8) } as never), /needs 12 bytes, got 8/);
  });
});

describe("generated protocol code", () => {
  it("is up to date with protos/ (run `npm run generate` after changing a .proto)", () => {
    const packageRoot = join(repoRoot, "clients", "typescript");
    const fresh = mkdtempSync(join(tmpdir(), "rlgym-ts-gen-"));
    execFileSync(process.execPath, [join(packageRoot, "scripts", "generate.mjs"), fresh]);
    const committed = join(packageRoot, "src", "generated");
    const files = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();
    assert.deepEqual(files(committed), files(fresh));
    for (const file of files(fresh)) {
      assert.equal(readFileSync(join(committed, file), "utf8"), readFileSync(join(fresh, file), "utf8"), `${file} is stale`);
    }
  });
});
