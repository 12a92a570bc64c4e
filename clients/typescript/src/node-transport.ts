// Node transport: HTTP/2 gRPC through @grpc/grpc-js, messages encoded by our protobufjs codec.
import * as grpc from "@grpc/grpc-js";
import { decodeMessage, encodeMessage } from "./codec.js";
import { ConnectionError, errorFor } from "./errors.js";
import { Methods, methodPath, type MethodName, type Transport } from "./transport.js";

/** Calls a server over gRPC; `address` is "host:port" or "unix:///path/to.sock". */
export class NodeTransport implements Transport {
  private readonly client: grpc.Client;

  constructor(readonly address: string) {
    const target = address.replace(/^https?:\/\//, "");
    this.client = new grpc.Client(target, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
      "grpc.max_send_message_length": 64 * 1024 * 1024,
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
        new grpc.Metadata(),
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
}
