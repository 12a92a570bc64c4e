// Node transport: HTTP/2 gRPC through @grpc/grpc-js, messages encoded by our protobufjs codec.
import * as grpc from "@grpc/grpc-js";
import { decodeMessage, encodeMessage } from "./codec.js";
import { ConnectionError, errorFor } from "./errors.js";
import { retryDefaults } from "./retry.js";
import { apiKeyHeader, Methods, methodPath, type MethodName, type Transport } from "./transport.js";

/**
 * Calls a server over gRPC; `address` is "host:port" or "unix:///path/to.sock". `apiKey` (default: the
 * RLGYM_API_KEY environment variable) goes in the x-api-key header of every call. A channel that failed to connect
 * fails calls at once until it tries again; `reconnect` spaces those tries (default: 50 ms growing to 1 s, the
 * retries' own schedule, instead of grpc-js's 1 s growing to 120 s, far past a retry budget).
 */
export class NodeTransport implements Transport {
  private readonly client: grpc.Client;
  private readonly apiKey: string | undefined;

  constructor(
    readonly address: string,
    apiKey: string | undefined = process.env.RLGYM_API_KEY,
    reconnect: { initialBackoffMs?: number; maxBackoffMs?: number } = {},
  ) {
    this.apiKey = apiKey || undefined;
    const target = address.replace(/^https?:\/\//, "");
    this.client = new grpc.Client(target, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
      "grpc.max_send_message_length": 64 * 1024 * 1024,
      "grpc.initial_reconnect_backoff_ms": reconnect.initialBackoffMs ?? retryDefaults.retryBackoffMs,
      "grpc.max_reconnect_backoff_ms": reconnect.maxBackoffMs ?? retryDefaults.retryMaxBackoffMs,
    });
  }

  call<TResponse>(method: MethodName, request: object, deadlineMs = 30_000): Promise<TResponse> {
    const [requestType, responseType] = Methods[method];
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest<object, TResponse>(
        methodPath(method),
        (value) => Buffer.from(encodeMessage(requestType, value)),
        (bytes) => decodeMessage<TResponse>(responseType, bytes),
        request,
        this.metadata(),
        { deadline: Date.now() + deadlineMs },
        (error, response) => {
          if (error) {
            reject(
              error.code === grpc.status.UNAVAILABLE
                ? new ConnectionError(error.code, `Cannot reach the RlGym server at ${this.address}: ${error.details}`)
                : errorFor(error.code, error.details),
            );
          } else {
            resolve(response as TResponse);
          }
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }

  private metadata(): grpc.Metadata {
    const metadata = new grpc.Metadata();
    if (this.apiKey) metadata.set(apiKeyHeader, this.apiKey);
    return metadata;
  }
}
