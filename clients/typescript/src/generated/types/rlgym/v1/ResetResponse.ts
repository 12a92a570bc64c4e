// Original file: protos/rlgym/v1/environments.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';
import type { Long } from '@grpc/proto-loader';

export interface ResetResponse {
  'observation'?: (_rlgym_v1_Value | null);
  'info'?: ({[key: string]: _rlgym_v1_Value});
  'sequence'?: (number | string | Long);
}

export interface ResetResponse__Output {
  'observation': (_rlgym_v1_Value__Output | null);
  'info': ({[key: string]: _rlgym_v1_Value__Output});
  'sequence': (string);
}
