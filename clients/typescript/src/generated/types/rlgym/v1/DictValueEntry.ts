// Original file: protos/rlgym/v1/values.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';

export interface DictValueEntry {
  'key'?: (string);
  'value'?: (_rlgym_v1_Value | null);
}

export interface DictValueEntry__Output {
  'key': (string);
  'value': (_rlgym_v1_Value__Output | null);
}
