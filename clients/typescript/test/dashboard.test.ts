// The browser dashboard: its committed bundle matches its sources, and a real Chromium (Debian's, driven by
// playwright-core; no browser download) plays CartPole on it against a real `rlgym serve`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot, startServer, type RunningServer } from "./server.js";

const packageRoot = join(repoRoot, "clients", "typescript");

describe("dashboard bundle", () => {
  it("is up to date with dashboard/ and src/ (run `npm run build:dashboard` after changing them)", () => {
    const fresh = mkdtempSync(join(tmpdir(), "rlgym-dashboard-"));
    execFileSync(process.execPath, [join(packageRoot, "scripts", "build-dashboard.mjs"), fresh]);
    const committed = join(repoRoot, "src", "RlGym.Server", "Dashboard");
    for (const file of ["index.html", "dashboard.js"]) {
      assert.ok(readFileSync(join(committed, file)).equals(readFileSync(join(fresh, file))), `src/RlGym.Server/Dashboard/${file} is stale: run \`npm run build:dashboard\``);
    }
  });
});

// Installed by the test command (clients/python/scripts/install-deps.sh); RLGYM_CHROMIUM names another.
const chromiumPath = [process.env.RLGYM_CHROMIUM, "/usr/bin/chromium"].find((path): path is string => !!path && existsSync(path));
const missingChromium =
  chromiumPath === undefined && process.env.CI !== "true"
    ? "no Chromium at /usr/bin/chromium (apt-get install chromium, or set RLGYM_CHROMIUM); CI fails instead of skipping"
    : false;

describe("dashboard in Chromium", { skip: missingChromium }, () => {
  let browser: Browser;

  before(async () => {
    assert.ok(chromiumPath, "CI=true and no Chromium at /usr/bin/chromium: install Debian's chromium (clients/python/scripts/install-deps.sh)");
    // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  });

  after(async () => {
    await browser?.close();
  });

  it("lists the environments, plays CartPole at random and by keys, and shows live frames and figures", async () => {
    const server = await startServer();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const watched = watch(page);
    try {
      await page.goto(`${server.grpcWebUrl}/`);
      await page.waitForSelector('#env-select option[value="CartPole-v1"]', { state: "attached" });
      await page.selectOption("#env-select", "CartPole-v1");
      assert.equal(await page.textContent("#action-space"), "Discrete(2)");
      assert.match((await page.textContent("#observation-space")) ?? "", /^Box\(shape=\(4\), float32\)$/);
      assert.equal(await page.textContent("#max-episode-steps"), "500");

      await page.fill("#seed", "42");
      await page.click("#create");
      await page.waitForFunction(() => document.getElementById("env-handle")?.textContent === "(CartPole-v1)");
      await page.click("#play");
      await waitForCount(page, "steps-taken", 5);
      const earlier = await frameData(page);
      await waitForCount(page, "steps-taken", 25);
      const later = await frameData(page);
      assert.notEqual(later, earlier, "the frame did not change while playing");
      assert.ok(await countAt(page, "episode-return") > 0 || await countAt(page, "episodes-finished") > 0);
      assert.ok(await frameColours(page) > 2, "the frame is blank");
      await waitForCount(page, "server-env-steps", 1);
      assert.match((await page.textContent("#server-version")) ?? "", /^\d+\.\d+\.\d+/);

      await page.click("#play"); // pause
      await page.waitForTimeout(300); // a step under way when paused still lands
      const beforeKeys = await countAt(page, "steps-taken");
      for (const key of ["ArrowRight", "ArrowLeft", "1", "0"]) await page.keyboard.press(key);
      await waitForCount(page, "steps-taken", beforeKeys + 4);
      assert.equal(await countAt(page, "steps-taken"), beforeKeys + 4, "a key took more than one step, or play did not pause");

      assert.ok(await screenshotColours(browser, await page.screenshot()) > 8, "the page screenshot is blank");
      assert.equal((await page.getAttribute("#status", "data-kind")) ?? "", "info", (await page.textContent("#status")) ?? "");
      const origin = new URL(server.grpcWebUrl).origin;
      assert.deepEqual(watched.requests.filter((url) => new URL(url).origin !== origin), [], "the page loaded something from another origin");
      assert.deepEqual(watched.errors, []);
    } finally {
      await page.close();
      await server.stop();
    }
  });

  it("asks for the API key the server requires, and lists the environments once it is given", async () => {
    const server = await startServer(["--api-key", "dashboard-secret"]);
    const page = await browser.newPage();
    const watched = watch(page);
    try {
      await page.goto(`${server.grpcWebUrl}/`);
      await page.waitForFunction(() => document.getElementById("status")?.dataset.kind === "error");
      assert.match((await page.textContent("#status")) ?? "", /UNAUTHENTICATED.*API key/);

      await page.fill("#api-key", "dashboard-secret");
      await page.click("#api-key-form button");
      await page.waitForSelector('#env-select option[value="CartPole-v1"]', { state: "attached" });
      assert.equal(await page.evaluate(() => sessionStorage.getItem("rlgym-dashboard-api-key")), "dashboard-secret");
      // The failed calls before the key show as failed fetches (gRPC-Web answers errors with HTTP 200): no page errors.
      assert.deepEqual(watched.errors, []);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});

/** The URLs a page requests, and its console errors and uncaught exceptions. */
function watch(page: Page): { requests: string[]; errors: string[] } {
  const watched = { requests: [] as string[], errors: [] as string[] };
  page.on("request", (request) => watched.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") watched.errors.push(message.text());
  });
  page.on("pageerror", (error) => watched.errors.push(String(error)));
  return watched;
}

async function countAt(page: Page, id: string): Promise<number> {
  return Number(await page.textContent(`#${id}`));
}

async function waitForCount(page: Page, id: string, atLeast: number): Promise<void> {
  await page.waitForFunction(([id, atLeast]) => Number(document.getElementById(id as string)?.textContent) >= (atLeast as number), [id, atLeast], {
    timeout: 15_000,
  });
}

function frameData(page: Page): Promise<string> {
  return page.$eval("#frame", (canvas) => (canvas as HTMLCanvasElement).toDataURL());
}

/** Distinct colours on the frame canvas. */
function frameColours(page: Page): Promise<number> {
  return page.$eval("#frame", (canvas) => {
    const { width, height } = canvas as HTMLCanvasElement;
    const pixels = new Uint32Array((canvas as HTMLCanvasElement).getContext("2d")!.getImageData(0, 0, width, height).data.buffer);
    return new Set(pixels).size;
  });
}

/** Distinct colours of a PNG, decoded by the browser in a blank page of its own (the dashboard's requests stay its own). */
async function screenshotColours(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      return new Set(new Uint32Array(context.getImageData(0, 0, image.width, image.height).data.buffer)).size;
    }, png.toString("base64"));
  } finally {
    await page.close();
  }
}
