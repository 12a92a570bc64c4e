// The dashboard the gRPC-Web port serves at `/`: lists the served environments, creates one, plays it with random
// actions or keys, draws its frames, and shows the server's live figures. Plain DOM and @rlgym/client/web, bundled
// into one file by scripts/build-dashboard.mjs (npm run build:dashboard).
import {
  AccessDeniedError,
  Discrete,
  Env,
  GrpcWebTransport,
  listEnvironments,
  RlGymError,
  serverStatus,
  spaceFromProto,
  StatusCode,
  type PngImage,
} from "../src/web.js";

type EnvironmentEntry = Awaited<ReturnType<typeof listEnvironments>>[number];

const apiKeyStorage = "rlgym-dashboard-api-key";
const recentEpisodes = 10;
const serverPollMs = 1_000;
// A server that stops answering should show up as an error within seconds, not after the client's 30 s default.
const callRetry = { retryBudgetMs: 3_000, deadlineMs: 10_000 };

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`dashboard: no element #${id}`);
  return found as T;
};

const ui = {
  status: element<HTMLParagraphElement>("status"),
  envSelect: element<HTMLSelectElement>("env-select"),
  create: element<HTMLButtonElement>("create"),
  observationSpace: element("observation-space"),
  actionSpace: element("action-space"),
  maxEpisodeSteps: element("max-episode-steps"),
  rewardThreshold: element("reward-threshold"),
  renderModes: element("render-modes"),
  envSource: element("env-source"),
  apiKeyForm: element<HTMLFormElement>("api-key-form"),
  apiKey: element<HTMLInputElement>("api-key"),
  handle: element("env-handle"),
  seed: element<HTMLInputElement>("seed"),
  reset: element<HTMLButtonElement>("reset"),
  play: element<HTMLButtonElement>("play"),
  speed: element<HTMLInputElement>("speed"),
  speedValue: element<HTMLOutputElement>("speed-value"),
  frame: element<HTMLCanvasElement>("frame"),
  textFrame: element<HTMLPreElement>("text-frame"),
  stepReward: element("step-reward"),
  episodeReturn: element("episode-return"),
  episodeLength: element("episode-length"),
  stepsTaken: element("steps-taken"),
  episodesFinished: element("episodes-finished"),
  meanReturn: element("mean-return"),
  serverVersion: element("server-version"),
  serverUptime: element("server-uptime"),
  serverHandles: element("server-handles"),
  serverEnvSteps: element("server-env-steps"),
  serverStepsPerSecond: element("server-steps-per-second"),
  serverConnections: element("server-connections"),
  serverFailed: element("server-failed"),
};

/** Return and length of the running episode, and the returns of the finished ones. */
class EpisodeStats {
  episodeReturn = 0;
  episodeLength = 0;
  stepsTaken = 0;
  lastReward: number | null = null;
  readonly finishedReturns: number[] = [];

  step(reward: number): void {
    this.lastReward = reward;
    this.episodeReturn += reward;
    this.episodeLength += 1;
    this.stepsTaken += 1;
  }

  finishEpisode(): void {
    this.finishedReturns.push(this.episodeReturn);
    this.startEpisode();
  }

  /** A new episode; one cut short by Reset is not counted as finished. */
  startEpisode(): void {
    this.episodeReturn = 0;
    this.episodeLength = 0;
  }

  get meanRecentReturn(): number | null {
    const recent = this.finishedReturns.slice(-recentEpisodes);
    return recent.length === 0 ? null : recent.reduce((a, b) => a + b, 0) / recent.length;
  }
}

let transport = makeTransport();
let environments: EnvironmentEntry[] = [];
let env: Env | null = null;
let stats = new EpisodeStats();
let playing = false;
// Resets and steps of one handle carry consecutive sequence numbers: every call on `env` goes through this chain so
// that random play, keys and buttons never overlap.
let envCalls: Promise<unknown> = Promise.resolve();

function makeTransport(): GrpcWebTransport {
  const apiKey = sessionStorage.getItem(apiKeyStorage) ?? undefined;
  return new GrpcWebTransport(location.origin, globalThis.fetch.bind(globalThis), apiKey);
}

function serialized<T>(work: () => Promise<T>): Promise<T> {
  const next = envCalls.then(work);
  envCalls = next.catch(() => undefined);
  return next;
}

function setStatus(text: string, kind: "info" | "error" = "info"): void {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function reportError(error: unknown): void {
  if (error instanceof RlGymError) {
    const code = Object.entries(StatusCode).find(([, value]) => value === error.code)?.[0] ?? String(error.code);
    const hint = error instanceof AccessDeniedError ? " Enter the server's API key below." : "";
    setStatus(`Error ${code}: ${error.message}${hint}`, "error");
    if (error instanceof AccessDeniedError) ui.apiKey.focus();
  } else {
    setStatus(`Error: ${error instanceof Error ? error.message : String(error)}`, "error");
  }
}

async function loadEnvironments(): Promise<void> {
  try {
    environments = await listEnvironments(transport, callRetry);
  } catch (error) {
    reportError(error);
    return;
  }
  const selected = ui.envSelect.value;
  ui.envSelect.replaceChildren(
    ...environments.map((entry) => new Option(entry.spec?.id ?? "?", entry.spec?.id ?? "")),
  );
  if (environments.some((entry) => entry.spec?.id === selected)) ui.envSelect.value = selected;
  ui.envSelect.disabled = ui.create.disabled = environments.length === 0;
  showDetails();
  setStatus(`${environments.length} environments served. Choose one and press Create.`);
}

function selectedEntry(): EnvironmentEntry | undefined {
  return environments.find((entry) => entry.spec?.id === ui.envSelect.value);
}

function showDetails(): void {
  const entry = selectedEntry();
  const spec = entry?.spec;
  ui.observationSpace.textContent = entry?.observationSpace ? String(spaceFromProto(entry.observationSpace)) : "";
  ui.actionSpace.textContent = entry?.actionSpace ? String(spaceFromProto(entry.actionSpace)) : "";
  ui.maxEpisodeSteps.textContent = spec?.maxEpisodeSteps ?? "none";
  ui.rewardThreshold.textContent = spec?.rewardThreshold == null ? "none" : String(spec.rewardThreshold);
  ui.renderModes.textContent = entry?.metadata?.renderModes.join(", ") || "none";
  ui.envSource.textContent = entry?.source ?? "";
}

/** Frames as pictures where the environment draws them, else as text, else none. */
function renderModeOf(entry: EnvironmentEntry | undefined): string | undefined {
  const modes = entry?.metadata?.renderModes ?? [];
  return modes.find((mode) => mode === "rgb_array") ?? modes.find((mode) => mode === "ansi");
}

async function createSelected(): Promise<void> {
  pause();
  const entry = selectedEntry();
  if (!entry?.spec) return;
  const id = entry.spec.id;
  setStatus(`Creating ${id}…`);
  await serialized(async () => {
    await closeEnv();
    env = await Env.create(transport, id, { renderMode: renderModeOf(entry), ...callRetry });
    stats = new EpisodeStats();
    ui.handle.textContent = `(${id})`;
    await resetEnv();
  });
  ui.reset.disabled = ui.play.disabled = false;
  setStatus(`${id} created. Press Play, or use the keys below.`);
}

async function closeEnv(): Promise<void> {
  const closing = env;
  env = null;
  ui.reset.disabled = ui.play.disabled = true;
  ui.handle.textContent = "";
  // The handle may already be gone (the server's idle timeout): closing is best effort.
  await closing?.close().catch(() => undefined);
}

/** Starts an episode, seeded when the seed field holds an integer. Runs inside `serialized`. */
async function resetEnv(): Promise<void> {
  if (!env) return;
  const seedText = ui.seed.value.trim();
  await env.reset(/^\d+$/.test(seedText) ? { seed: BigInt(seedText) } : {});
  stats.startEpisode();
  await drawFrame(await env.renderPng());
  showStats();
}

async function step(action: unknown): Promise<void> {
  await serialized(async () => {
    if (!env) return;
    const result = await env.step(action);
    stats.step(result.reward);
    await drawFrame(await env.renderPng());
    if (result.terminated || result.truncated) {
      stats.finishEpisode();
      // Unseeded: a seed applies to the first episode, later ones continue the seeded generator as in Gymnasium.
      await env.reset();
    }
    showStats();
  });
}

async function playLoop(): Promise<void> {
  while (playing && env) {
    const started = performance.now();
    try {
      await step(env.actionSpace.sample());
    } catch (error) {
      pause();
      reportError(error);
      return;
    }
    const wait = 1000 / Number(ui.speed.value) - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function play(): void {
  if (playing || !env) return;
  playing = true;
  ui.play.textContent = "Pause";
  ui.play.setAttribute("aria-pressed", "true");
  void playLoop();
}

function pause(): void {
  playing = false;
  ui.play.textContent = "Play";
  ui.play.setAttribute("aria-pressed", "false");
}

async function drawFrame(frame: PngImage | string | null): Promise<void> {
  if (frame === null) return;
  if (typeof frame === "string") {
    ui.textFrame.textContent = frame;
    ui.textFrame.hidden = false;
    ui.frame.hidden = true;
    return;
  }
  ui.textFrame.hidden = true;
  ui.frame.hidden = false;
  if (ui.frame.width !== frame.width || ui.frame.height !== frame.height) {
    ui.frame.width = frame.width;
    ui.frame.height = frame.height;
  }
  // PNG: ~1/80 of the raw frame's bytes over gRPC-Web, decoded by the browser off the main thread.
  const bitmap = await createImageBitmap(new Blob([frame.png as Uint8Array<ArrayBuffer>], { type: "image/png" }));
  ui.frame.getContext("2d")!.drawImage(bitmap, 0, 0);
  bitmap.close();
}

const formatNumber = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(3));

function showStats(): void {
  ui.stepReward.textContent = stats.lastReward === null ? "–" : formatNumber(stats.lastReward);
  ui.episodeReturn.textContent = formatNumber(stats.episodeReturn);
  ui.episodeLength.textContent = String(stats.episodeLength);
  ui.stepsTaken.textContent = String(stats.stepsTaken);
  ui.episodesFinished.textContent = String(stats.finishedReturns.length);
  const mean = stats.meanRecentReturn;
  ui.meanReturn.textContent = mean === null ? "–" : formatNumber(mean);
}

function onKey(event: KeyboardEvent): void {
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.altKey || event.ctrlKey || event.metaKey) return;
  const space = env?.actionSpace;
  if (!(space instanceof Discrete)) return;
  let index: number | null = null;
  if (/^[0-9]$/.test(event.key)) index = Number(event.key);
  else if (space.n === 2 && event.key === "ArrowLeft") index = 0;
  else if (space.n === 2 && event.key === "ArrowRight") index = 1;
  if (index === null || index >= space.n) return;
  event.preventDefault();
  pause();
  step(space.start + index).catch(reportError);
}

let lastPoll: { uptimeSeconds: number; envStepsTotal: number } | null = null;
let polling = false;

async function pollServer(): Promise<void> {
  if (polling) return;
  polling = true;
  try {
    const status = await serverStatus(transport, callRetry);
    ui.serverVersion.textContent = status.version;
    ui.serverUptime.textContent = formatDuration(status.uptimeSeconds);
    ui.serverHandles.textContent = String(status.handlesOpen);
    ui.serverEnvSteps.textContent = String(status.envStepsTotal);
    ui.serverConnections.textContent = String(status.connections);
    ui.serverFailed.textContent = String(status.requestsFailedTotal);
    // Steps/s from two polls, timed by the server's own clock so network delays do not skew it.
    if (lastPoll && status.uptimeSeconds > lastPoll.uptimeSeconds) {
      const rate = (status.envStepsTotal - lastPoll.envStepsTotal) / (status.uptimeSeconds - lastPoll.uptimeSeconds);
      ui.serverStepsPerSecond.textContent = rate.toFixed(1);
    }
    lastPoll = status;
  } catch (error) {
    reportError(error);
  } finally {
    polling = false;
  }
}

function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return h > 0 ? `${h}h ${String(m).padStart(2, "0")}m ${String(s).padStart(2, "0")}s` : `${m}m ${String(s).padStart(2, "0")}s`;
}

/**
 * Frees the handle when the page goes away. The page cannot wait for an answer, so the call rides a keepalive fetch
 * (which the browser finishes after the page is gone); should it be lost, the server's idle timeout frees the handle.
 */
function closeOnPageHide(): void {
  if (!env) return;
  const keepalive: typeof fetch = (input, init) => fetch(input, { ...init, keepalive: true });
  const apiKey = sessionStorage.getItem(apiKeyStorage) ?? undefined;
  new GrpcWebTransport(location.origin, keepalive, apiKey).call("CloseEnvironment", { handle: env.handle }).catch(() => undefined);
  env = null;
  pause();
}

ui.envSelect.addEventListener("change", showDetails);
ui.create.addEventListener("click", () => createSelected().catch(reportError));
ui.reset.addEventListener("click", () => {
  pause();
  serialized(resetEnv).catch(reportError);
});
ui.play.addEventListener("click", () => (playing ? pause() : play()));
ui.speed.addEventListener("input", () => (ui.speedValue.value = ui.speed.value));
ui.apiKeyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const key = ui.apiKey.value.trim();
  if (key) sessionStorage.setItem(apiKeyStorage, key);
  else sessionStorage.removeItem(apiKeyStorage);
  transport = makeTransport();
  void loadEnvironments();
});
document.addEventListener("keydown", onKey);
window.addEventListener("pagehide", closeOnPageHide);

ui.apiKey.value = sessionStorage.getItem(apiKeyStorage) ?? "";
void loadEnvironments();
void pollServer();
setInterval(() => void pollServer(), serverPollMs);
