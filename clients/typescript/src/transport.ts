// A transport carries one unary call of the Environments service: Node uses HTTP/2 gRPC, browsers gRPC-Web.

/** The unary methods of rlgym.v1.Environments with their request and response message types. */
export const Methods = {
  ListEnvironments: ["rlgym.v1.ListEnvironmentsRequest", "rlgym.v1.ListEnvironmentsResponse"],
  DescribeEnvironment: ["rlgym.v1.DescribeEnvironmentRequest", "rlgym.v1.EnvironmentDescription"],
  CreateEnvironment: ["rlgym.v1.CreateEnvironmentRequest", "rlgym.v1.CreateEnvironmentResponse"],
  Reset: ["rlgym.v1.ResetRequest", "rlgym.v1.ResetResponse"],
  Step: ["rlgym.v1.StepRequest", "rlgym.v1.StepResponse"],
  Render: ["rlgym.v1.RenderRequest", "rlgym.v1.RenderResponse"],
  CloseEnvironment: ["rlgym.v1.CloseEnvironmentRequest", "rlgym.v1.CloseEnvironmentResponse"],
  GetServerStatus: ["rlgym.v1.GetServerStatusRequest", "rlgym.v1.ServerStatus"],
} as const;

export type MethodName = keyof typeof Methods;

/** Sends one request and resolves with the decoded response, or rejects with an RlGymError. */
export interface Transport {
  call<TResponse>(method: MethodName, request: object, deadlineMs?: number): Promise<TResponse>;
  close(): void;
}

/** The HTTP path of a method. */
export const methodPath = (method: MethodName): string => `/rlgym.v1.Environments/${method}`;

/** The request header that carries the API key on servers that require one. */
export const apiKeyHeader = "x-api-key";
