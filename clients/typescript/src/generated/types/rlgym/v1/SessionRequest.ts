// Original file: protos/rlgym/v1/environments.proto

import type { CreateEnvironmentRequest as _rlgym_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _rlgym_v1_CreateEnvironmentRequest__Output } from '../../rlgym/v1/CreateEnvironmentRequest.js';
import type { ResetRequest as _rlgym_v1_ResetRequest, ResetRequest__Output as _rlgym_v1_ResetRequest__Output } from '../../rlgym/v1/ResetRequest.js';
import type { StepRequest as _rlgym_v1_StepRequest, StepRequest__Output as _rlgym_v1_StepRequest__Output } from '../../rlgym/v1/StepRequest.js';
import type { RenderRequest as _rlgym_v1_RenderRequest, RenderRequest__Output as _rlgym_v1_RenderRequest__Output } from '../../rlgym/v1/RenderRequest.js';
import type { CloseEnvironmentRequest as _rlgym_v1_CloseEnvironmentRequest, CloseEnvironmentRequest__Output as _rlgym_v1_CloseEnvironmentRequest__Output } from '../../rlgym/v1/CloseEnvironmentRequest.js';
import type { ListEnvironmentsRequest as _rlgym_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _rlgym_v1_ListEnvironmentsRequest__Output } from '../../rlgym/v1/ListEnvironmentsRequest.js';
import type { DescribeEnvironmentRequest as _rlgym_v1_DescribeEnvironmentRequest, DescribeEnvironmentRequest__Output as _rlgym_v1_DescribeEnvironmentRequest__Output } from '../../rlgym/v1/DescribeEnvironmentRequest.js';
import type { Long } from '@grpc/proto-loader';

export interface SessionRequest {
  'requestId'?: (number | string | Long);
  'create'?: (_rlgym_v1_CreateEnvironmentRequest | null);
  'reset'?: (_rlgym_v1_ResetRequest | null);
  'step'?: (_rlgym_v1_StepRequest | null);
  'render'?: (_rlgym_v1_RenderRequest | null);
  'close'?: (_rlgym_v1_CloseEnvironmentRequest | null);
  'list'?: (_rlgym_v1_ListEnvironmentsRequest | null);
  'describe'?: (_rlgym_v1_DescribeEnvironmentRequest | null);
  'request'?: "create"|"reset"|"step"|"render"|"close"|"list"|"describe";
}

export interface SessionRequest__Output {
  'requestId': (string);
  'create'?: (_rlgym_v1_CreateEnvironmentRequest__Output | null);
  'reset'?: (_rlgym_v1_ResetRequest__Output | null);
  'step'?: (_rlgym_v1_StepRequest__Output | null);
  'render'?: (_rlgym_v1_RenderRequest__Output | null);
  'close'?: (_rlgym_v1_CloseEnvironmentRequest__Output | null);
  'list'?: (_rlgym_v1_ListEnvironmentsRequest__Output | null);
  'describe'?: (_rlgym_v1_DescribeEnvironmentRequest__Output | null);
  'request'?: "create"|"reset"|"step"|"render"|"close"|"list"|"describe";
}
