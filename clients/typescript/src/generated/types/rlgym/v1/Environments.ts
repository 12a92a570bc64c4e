// Original file: protos/rlgym/v1/environments.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AttachSharedMemoryRequest as _rlgym_v1_AttachSharedMemoryRequest, AttachSharedMemoryRequest__Output as _rlgym_v1_AttachSharedMemoryRequest__Output } from '../../rlgym/v1/AttachSharedMemoryRequest.js';
import type { AttachSharedMemoryResponse as _rlgym_v1_AttachSharedMemoryResponse, AttachSharedMemoryResponse__Output as _rlgym_v1_AttachSharedMemoryResponse__Output } from '../../rlgym/v1/AttachSharedMemoryResponse.js';
import type { CloseEnvironmentRequest as _rlgym_v1_CloseEnvironmentRequest, CloseEnvironmentRequest__Output as _rlgym_v1_CloseEnvironmentRequest__Output } from '../../rlgym/v1/CloseEnvironmentRequest.js';
import type { CloseEnvironmentResponse as _rlgym_v1_CloseEnvironmentResponse, CloseEnvironmentResponse__Output as _rlgym_v1_CloseEnvironmentResponse__Output } from '../../rlgym/v1/CloseEnvironmentResponse.js';
import type { CreateEnvironmentRequest as _rlgym_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _rlgym_v1_CreateEnvironmentRequest__Output } from '../../rlgym/v1/CreateEnvironmentRequest.js';
import type { CreateEnvironmentResponse as _rlgym_v1_CreateEnvironmentResponse, CreateEnvironmentResponse__Output as _rlgym_v1_CreateEnvironmentResponse__Output } from '../../rlgym/v1/CreateEnvironmentResponse.js';
import type { DescribeEnvironmentRequest as _rlgym_v1_DescribeEnvironmentRequest, DescribeEnvironmentRequest__Output as _rlgym_v1_DescribeEnvironmentRequest__Output } from '../../rlgym/v1/DescribeEnvironmentRequest.js';
import type { EnvironmentDescription as _rlgym_v1_EnvironmentDescription, EnvironmentDescription__Output as _rlgym_v1_EnvironmentDescription__Output } from '../../rlgym/v1/EnvironmentDescription.js';
import type { GetServerStatusRequest as _rlgym_v1_GetServerStatusRequest, GetServerStatusRequest__Output as _rlgym_v1_GetServerStatusRequest__Output } from '../../rlgym/v1/GetServerStatusRequest.js';
import type { ListEnvironmentsRequest as _rlgym_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _rlgym_v1_ListEnvironmentsRequest__Output } from '../../rlgym/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _rlgym_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _rlgym_v1_ListEnvironmentsResponse__Output } from '../../rlgym/v1/ListEnvironmentsResponse.js';
import type { RenderRequest as _rlgym_v1_RenderRequest, RenderRequest__Output as _rlgym_v1_RenderRequest__Output } from '../../rlgym/v1/RenderRequest.js';
import type { RenderResponse as _rlgym_v1_RenderResponse, RenderResponse__Output as _rlgym_v1_RenderResponse__Output } from '../../rlgym/v1/RenderResponse.js';
import type { ResetRequest as _rlgym_v1_ResetRequest, ResetRequest__Output as _rlgym_v1_ResetRequest__Output } from '../../rlgym/v1/ResetRequest.js';
import type { ResetResponse as _rlgym_v1_ResetResponse, ResetResponse__Output as _rlgym_v1_ResetResponse__Output } from '../../rlgym/v1/ResetResponse.js';
import type { ServerStatus as _rlgym_v1_ServerStatus, ServerStatus__Output as _rlgym_v1_ServerStatus__Output } from '../../rlgym/v1/ServerStatus.js';
import type { SessionRequest as _rlgym_v1_SessionRequest, SessionRequest__Output as _rlgym_v1_SessionRequest__Output } from '../../rlgym/v1/SessionRequest.js';
import type { SessionResponse as _rlgym_v1_SessionResponse, SessionResponse__Output as _rlgym_v1_SessionResponse__Output } from '../../rlgym/v1/SessionResponse.js';
import type { StepRequest as _rlgym_v1_StepRequest, StepRequest__Output as _rlgym_v1_StepRequest__Output } from '../../rlgym/v1/StepRequest.js';
import type { StepResponse as _rlgym_v1_StepResponse, StepResponse__Output as _rlgym_v1_StepResponse__Output } from '../../rlgym/v1/StepResponse.js';

export interface EnvironmentsClient extends grpc.Client {
  AttachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  AttachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  AttachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  AttachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  attachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  attachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  attachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  attachSharedMemory(argument: _rlgym_v1_AttachSharedMemoryRequest, callback: grpc.requestCallback<_rlgym_v1_AttachSharedMemoryResponse__Output>): grpc.ClientUnaryCall;
  
  CloseEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  CloseEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  CloseEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  CloseEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  closeEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  closeEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  closeEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  closeEnvironment(argument: _rlgym_v1_CloseEnvironmentRequest, callback: grpc.requestCallback<_rlgym_v1_CloseEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  
  CreateEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  CreateEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  createEnvironment(argument: _rlgym_v1_CreateEnvironmentRequest, callback: grpc.requestCallback<_rlgym_v1_CreateEnvironmentResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  DescribeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  DescribeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  DescribeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  describeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  describeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  describeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  describeEnvironment(argument: _rlgym_v1_DescribeEnvironmentRequest, callback: grpc.requestCallback<_rlgym_v1_EnvironmentDescription__Output>): grpc.ClientUnaryCall;
  
  GetServerStatus(argument: _rlgym_v1_GetServerStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  GetServerStatus(argument: _rlgym_v1_GetServerStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  GetServerStatus(argument: _rlgym_v1_GetServerStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  GetServerStatus(argument: _rlgym_v1_GetServerStatusRequest, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  getServerStatus(argument: _rlgym_v1_GetServerStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  getServerStatus(argument: _rlgym_v1_GetServerStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  getServerStatus(argument: _rlgym_v1_GetServerStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  getServerStatus(argument: _rlgym_v1_GetServerStatusRequest, callback: grpc.requestCallback<_rlgym_v1_ServerStatus__Output>): grpc.ClientUnaryCall;
  
  ListEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  ListEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  listEnvironments(argument: _rlgym_v1_ListEnvironmentsRequest, callback: grpc.requestCallback<_rlgym_v1_ListEnvironmentsResponse__Output>): grpc.ClientUnaryCall;
  
  Render(argument: _rlgym_v1_RenderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  Render(argument: _rlgym_v1_RenderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  Render(argument: _rlgym_v1_RenderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  Render(argument: _rlgym_v1_RenderRequest, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  render(argument: _rlgym_v1_RenderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  render(argument: _rlgym_v1_RenderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  render(argument: _rlgym_v1_RenderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  render(argument: _rlgym_v1_RenderRequest, callback: grpc.requestCallback<_rlgym_v1_RenderResponse__Output>): grpc.ClientUnaryCall;
  
  Reset(argument: _rlgym_v1_ResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  Reset(argument: _rlgym_v1_ResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  Reset(argument: _rlgym_v1_ResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  Reset(argument: _rlgym_v1_ResetRequest, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  reset(argument: _rlgym_v1_ResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  reset(argument: _rlgym_v1_ResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  reset(argument: _rlgym_v1_ResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  reset(argument: _rlgym_v1_ResetRequest, callback: grpc.requestCallback<_rlgym_v1_ResetResponse__Output>): grpc.ClientUnaryCall;
  
  Session(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rlgym_v1_SessionRequest, _rlgym_v1_SessionResponse__Output>;
  Session(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rlgym_v1_SessionRequest, _rlgym_v1_SessionResponse__Output>;
  session(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_rlgym_v1_SessionRequest, _rlgym_v1_SessionResponse__Output>;
  session(options?: grpc.CallOptions): grpc.ClientDuplexStream<_rlgym_v1_SessionRequest, _rlgym_v1_SessionResponse__Output>;
  
  Step(argument: _rlgym_v1_StepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  Step(argument: _rlgym_v1_StepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  Step(argument: _rlgym_v1_StepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  Step(argument: _rlgym_v1_StepRequest, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  step(argument: _rlgym_v1_StepRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  step(argument: _rlgym_v1_StepRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  step(argument: _rlgym_v1_StepRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  step(argument: _rlgym_v1_StepRequest, callback: grpc.requestCallback<_rlgym_v1_StepResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface EnvironmentsHandlers extends grpc.UntypedServiceImplementation {
  AttachSharedMemory: grpc.handleUnaryCall<_rlgym_v1_AttachSharedMemoryRequest__Output, _rlgym_v1_AttachSharedMemoryResponse>;
  
  CloseEnvironment: grpc.handleUnaryCall<_rlgym_v1_CloseEnvironmentRequest__Output, _rlgym_v1_CloseEnvironmentResponse>;
  
  CreateEnvironment: grpc.handleUnaryCall<_rlgym_v1_CreateEnvironmentRequest__Output, _rlgym_v1_CreateEnvironmentResponse>;
  
  DescribeEnvironment: grpc.handleUnaryCall<_rlgym_v1_DescribeEnvironmentRequest__Output, _rlgym_v1_EnvironmentDescription>;
  
  GetServerStatus: grpc.handleUnaryCall<_rlgym_v1_GetServerStatusRequest__Output, _rlgym_v1_ServerStatus>;
  
  ListEnvironments: grpc.handleUnaryCall<_rlgym_v1_ListEnvironmentsRequest__Output, _rlgym_v1_ListEnvironmentsResponse>;
  
  Render: grpc.handleUnaryCall<_rlgym_v1_RenderRequest__Output, _rlgym_v1_RenderResponse>;
  
  Reset: grpc.handleUnaryCall<_rlgym_v1_ResetRequest__Output, _rlgym_v1_ResetResponse>;
  
  Session: grpc.handleBidiStreamingCall<_rlgym_v1_SessionRequest__Output, _rlgym_v1_SessionResponse>;
  
  Step: grpc.handleUnaryCall<_rlgym_v1_StepRequest__Output, _rlgym_v1_StepResponse>;
  
}

export interface EnvironmentsDefinition extends grpc.ServiceDefinition {
  AttachSharedMemory: MethodDefinition<_rlgym_v1_AttachSharedMemoryRequest, _rlgym_v1_AttachSharedMemoryResponse, _rlgym_v1_AttachSharedMemoryRequest__Output, _rlgym_v1_AttachSharedMemoryResponse__Output>
  CloseEnvironment: MethodDefinition<_rlgym_v1_CloseEnvironmentRequest, _rlgym_v1_CloseEnvironmentResponse, _rlgym_v1_CloseEnvironmentRequest__Output, _rlgym_v1_CloseEnvironmentResponse__Output>
  CreateEnvironment: MethodDefinition<_rlgym_v1_CreateEnvironmentRequest, _rlgym_v1_CreateEnvironmentResponse, _rlgym_v1_CreateEnvironmentRequest__Output, _rlgym_v1_CreateEnvironmentResponse__Output>
  DescribeEnvironment: MethodDefinition<_rlgym_v1_DescribeEnvironmentRequest, _rlgym_v1_EnvironmentDescription, _rlgym_v1_DescribeEnvironmentRequest__Output, _rlgym_v1_EnvironmentDescription__Output>
  GetServerStatus: MethodDefinition<_rlgym_v1_GetServerStatusRequest, _rlgym_v1_ServerStatus, _rlgym_v1_GetServerStatusRequest__Output, _rlgym_v1_ServerStatus__Output>
  ListEnvironments: MethodDefinition<_rlgym_v1_ListEnvironmentsRequest, _rlgym_v1_ListEnvironmentsResponse, _rlgym_v1_ListEnvironmentsRequest__Output, _rlgym_v1_ListEnvironmentsResponse__Output>
  Render: MethodDefinition<_rlgym_v1_RenderRequest, _rlgym_v1_RenderResponse, _rlgym_v1_RenderRequest__Output, _rlgym_v1_RenderResponse__Output>
  Reset: MethodDefinition<_rlgym_v1_ResetRequest, _rlgym_v1_ResetResponse, _rlgym_v1_ResetRequest__Output, _rlgym_v1_ResetResponse__Output>
  Session: MethodDefinition<_rlgym_v1_SessionRequest, _rlgym_v1_SessionResponse, _rlgym_v1_SessionRequest__Output, _rlgym_v1_SessionResponse__Output>
  Step: MethodDefinition<_rlgym_v1_StepRequest, _rlgym_v1_StepResponse, _rlgym_v1_StepRequest__Output, _rlgym_v1_StepResponse__Output>
}
