// A TCP proxy between a client and the server that cuts connections (a reset at both ends) to simulate a flaky network.
import { connect, createServer, type Server, type Socket } from "node:net";

/** A small seeded generator (mulberry32): the same seed draws the same numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Forwards loopback TCP to `target` ("host:port") and cuts connections:
 * - with `dropProbability` p, at a chunk towards the server with probability p (seeded): half of the time before
 *   forwarding it (the request never reaches the server), half of the time at the server's next bytes back (the server
 *   applied the request, its answer is lost);
 * - `dropNextAnswer()` cuts the connection at the server's next bytes back (then refuses, with `thenRefuse`);
 * - `refuse()` cuts every connection and resets new ones at once until `admit()`.
 */
export class DroppingProxy {
  drops = 0;
  dropsBeforeServer = 0;
  connections = 0;
  private refusing = false;
  private dropArmed = false;
  private refuseAfterDrop = false;
  private readonly open = new Set<Socket>();
  private readonly random: () => number;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
    private readonly dropProbability: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    server.on("connection", (client) => this.accept(client));
  }

  /** The address clients use instead of the server's ("127.0.0.1:port"). */
  get address(): string {
    return `127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** Connections cut while carrying bytes back from the server (the request may have been applied). */
  get dropsAfterServer(): number {
    return this.drops - this.dropsBeforeServer;
  }

  static async start(target: string, options: { dropProbability?: number; seed?: number } = {}): Promise<DroppingProxy> {
    const [host, port] = target.split(":");
    const proxy = new DroppingProxy(createServer(), { host, port: Number(port) }, options.dropProbability ?? 0, options.seed ?? 0);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  dropNextAnswer(thenRefuse = false): void {
    this.refuseAfterDrop = thenRefuse;
    this.dropArmed = true;
  }

  refuse(): void {
    this.refusing = true;
    for (const socket of this.open) socket.resetAndDestroy();
  }

  admit(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.resetAndDestroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.connections++;
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.open.add(client).add(upstream);
    let dropAnswer = false;
    const cut = () => {
      for (const socket of [client, upstream]) {
        this.open.delete(socket);
        if (!socket.destroyed) socket.resetAndDestroy();
      }
    };
    client.on("data", (chunk: Buffer) => {
      if (this.refusing) return cut();
      const draw = this.dropProbability > 0 ? this.random() : 1;
      if (draw < this.dropProbability / 2) {
        this.drops++;
        this.dropsBeforeServer++;
        return cut();
      }
      if (draw < this.dropProbability) dropAnswer = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (this.refusing) return cut();
      if (dropAnswer) {
        this.drops++;
        return cut();
      }
      if (this.dropArmed) {
        this.dropArmed = false;
        if (this.refuseAfterDrop) this.refusing = true;
        this.drops++;
        return cut();
      }
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on("error", cut);
      socket.on("close", cut);
    }
  }
}
