// Original file: protos/rlgym/v1/environments.proto

import type { CreateEnvironmentResponse as _rlgym_v1_CreateEnvironmentResponse, CreateEnvironmentResponse__Output as _rlgym_v1_CreateEnvironmentResponse__Output } from '../../rlgym/v1/CreateEnvironmentResponse.js';
import type { ResetResponse as _rlgym_v1_ResetResponse, ResetResponse__Output as _rlgym_v1_ResetResponse__Output } from '../../rlgym/v1/ResetResponse.js';
import type { StepResponse as _rlgym_v1_StepResponse, StepResponse__Output as _rlgym_v1_StepResponse__Output } from '../../rlgym/v1/StepResponse.js';
import type { RenderResponse as _rlgym_v1_RenderResponse, RenderResponse__Output as _rlgym_v1_RenderResponse__Output } from '../../rlgym/v1/RenderResponse.js';
import type { CloseEnvironmentResponse as _rlgym_v1_CloseEnvironmentResponse, CloseEnvironmentResponse__Output as _rlgym_v1_CloseEnvironmentResponse__Output } from '../../rlgym/v1/CloseEnvironmentResponse.js';
import type { ListEnvironmentsResponse as _rlgym_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _rlgym_v1_ListEnvironmentsResponse__Output } from '../../rlgym/v1/ListEnvironmentsResponse.js';
import type { EnvironmentDescription as _rlgym_v1_EnvironmentDescription, EnvironmentDescription__Output as _rlgym_v1_EnvironmentDescription__Output } from '../../rlgym/v1/EnvironmentDescription.js';
import type { Long } from '@grpc/proto-loader';

export interface SessionResponse {
  'requestId'?: (number | string | Long);
  'create'?: (_rlgym_v1_CreateEnvironmentResponse | null);
  'reset'?: (_rlgym_v1_ResetResponse | null);
  'step'?: (_rlgym_v1_StepResponse | null);
  'render'?: (_rlgym_v1_RenderResponse | null);
  'close'?: (_rlgym_v1_CloseEnvironmentResponse | null);
  'list'?: (_rlgym_v1_ListEnvironmentsResponse | null);
  'describe'?: (_rlgym_v1_EnvironmentDescription | null);
  'response'?: "create"|"reset"|"step"|"render"|"close"|"list"|"describe";
}

export interface SessionResponse__Output {
  'requestId': (string);
  'create'?: (_rlgym_v1_CreateEnvironmentResponse__Output | null);
  'reset'?: (_rlgym_v1_ResetResponse__Output | null);
  'step'?: (_rlgym_v1_StepResponse__Output | null);
  'render'?: (_rlgym_v1_RenderResponse__Output | null);
  'close'?: (_rlgym_v1_CloseEnvironmentResponse__Output | null);
  'list'?: (_rlgym_v1_ListEnvironmentsResponse__Output | null);
  'describe'?: (_rlgym_v1_EnvironmentDescription__Output | null);
  'response'?: "create"|"reset"|"step"|"render"|"close"|"list"|"describe";
}
