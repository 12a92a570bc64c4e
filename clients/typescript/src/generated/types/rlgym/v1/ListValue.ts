// Original file: protos/rlgym/v1/values.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';

export interface ListValue {
  'items'?: (_rlgym_v1_Value)[];
}

export interface ListValue__Output {
  'items': (_rlgym_v1_Value__Output)[];
}
