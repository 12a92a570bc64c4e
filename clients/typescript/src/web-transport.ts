// Browser transport: gRPC-Web (binary) over fetch. The server serves gRPC-Web on its HTTP/1.1 port
// (`rlgym serve --grpc-web-port N`). Only unary calls: browsers cannot carry the bidirectional stream.
import { decodeMessage, encodeMessage } from "./codec.js";
import { ConnectionError, errorFor, StatusCode } from "./errors.js";
import { apiKeyHeader, Methods, methodPath, type MethodName, type Transport } from "./transport.js";

/** Calls a server over gRPC-Web; `baseUrl` is e.g. "http://localhost:8080"; `apiKey` goes in the x-api-key header. */
export class GrpcWebTransport implements Transport {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
    private readonly apiKey?: string,
  ) {}

  async call<TResponse>(method: MethodName, request: object, deadlineMs = 30_000): Promise<TResponse> {
    const [requestType, responseType] = Methods[method];
    const message = encodeMessage(requestType, request);
    const body = new Uint8Array(5 + message.length);
    new DataView(body.buffer).setUint32(1, message.length);
    body.set(message, 5);

    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl.replace(/\/$/, "") + methodPath(method), {
        method: "POST",
        headers: {
          "content-type": "application/grpc-web+proto",
          "x-grpc-web": "1",
          ...(this.apiKey ? { [apiKeyHeader]: this.apiKey } : {}),
        },
        body,
        signal: AbortSignal.timeout(deadlineMs),
      });
    } catch (error) {
      throw new ConnectionError(StatusCode.UNAVAILABLE, `Cannot reach the RlGym server at ${this.baseUrl}: ${String(error)}`);
    }
    if (!response.ok) {
      throw new ConnectionError(StatusCode.UNAVAILABLE, `gRPC-Web call to ${this.baseUrl} failed with HTTP ${response.status}`);
    }

    const { data, trailers } = parseFrames(new Uint8Array(await response.arrayBuffer()));
    const status = Number(trailers.get("grpc-status") ?? response.headers.get("grpc-status") ?? StatusCode.UNKNOWN);
    if (status !== StatusCode.OK) {
      const text = trailers.get("grpc-message") ?? response.headers.get("grpc-message") ?? "";
      throw errorFor(status, decodeURIComponent(text));
    }
    if (!data) {
      throw errorFor(StatusCode.INTERNAL, `gRPC-Web response to ${method} carried no message`);
    }
    return decodeMessage<TResponse>(responseType, data);
  }

  close(): void {}
}

/** Splits a gRPC-Web body into its message frame and its trailer frame. */
function parseFrames(body: Uint8Array): { data?: Uint8Array; trailers: Map<string, string> } {
  const trailers = new Map<string, string>();
  let data: Uint8Array | undefined;
  for (let offset = 0; offset + 5 <= body.length; ) {
    const flags = body[offset];
    const length = new DataView(body.buffer, body.byteOffset + offset + 1, 4).getUint32(0);
    const payload = body.subarray(offset + 5, offset + 5 + length);
    if (flags & 0x80) {
      for (const line of new TextDecoder().decode(payload).split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    } else {
      data = payload;
    }
    offset += 5 + length;
  }
  return { data, trailers };
}
