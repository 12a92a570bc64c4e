// Original file: protos/rlgym/v1/environments.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';
import type { Long } from '@grpc/proto-loader';

export interface ResetRequest {
  'handle'?: (string);
  'seed'?: (number | string | Long);
  'seeds'?: (number | string | Long)[];
  'options'?: ({[key: string]: _rlgym_v1_Value});
  'sequence'?: (number | string | Long);
  '_seed'?: "seed";
}

export interface ResetRequest__Output {
  'handle': (string);
  'seed'?: (string);
  'seeds': (string)[];
  'options': ({[key: string]: _rlgym_v1_Value__Output});
  'sequence': (string);
  '_seed'?: "seed";
}
