// Original file: protos/rlgym/v1/environments.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';
import type { StepPhase as _rlgym_v1_StepPhase, StepPhase__Output as _rlgym_v1_StepPhase__Output } from '../../rlgym/v1/StepPhase.js';
import type { Long } from '@grpc/proto-loader';

export interface StepRequest {
  'handle'?: (string);
  'action'?: (_rlgym_v1_Value | null);
  'sequence'?: (number | string | Long);
  'envIds'?: (number)[];
  'phase'?: (_rlgym_v1_StepPhase);
}

export interface StepRequest__Output {
  'handle': (string);
  'action': (_rlgym_v1_Value__Output | null);
  'sequence': (string);
  'envIds': (number)[];
  'phase': (_rlgym_v1_StepPhase__Output);
}
