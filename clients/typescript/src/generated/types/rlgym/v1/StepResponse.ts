// Original file: protos/rlgym/v1/environments.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';
import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from '../../rlgym/v1/Tensor.js';
import type { Long } from '@grpc/proto-loader';

export interface StepResponse {
  'observation'?: (_rlgym_v1_Value | null);
  'reward'?: (_rlgym_v1_Tensor | null);
  'terminated'?: (_rlgym_v1_Tensor | null);
  'truncated'?: (_rlgym_v1_Tensor | null);
  'info'?: ({[key: string]: _rlgym_v1_Value});
  'sequence'?: (number | string | Long);
  'envIds'?: (number)[];
}

export interface StepResponse__Output {
  'observation': (_rlgym_v1_Value__Output | null);
  'reward': (_rlgym_v1_Tensor__Output | null);
  'terminated': (_rlgym_v1_Tensor__Output | null);
  'truncated': (_rlgym_v1_Tensor__Output | null);
  'info': ({[key: string]: _rlgym_v1_Value__Output});
  'sequence': (string);
  'envIds': (number)[];
}
