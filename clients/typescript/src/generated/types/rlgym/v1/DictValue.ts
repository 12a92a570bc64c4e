// Original file: protos/rlgym/v1/values.proto

import type { DictValueEntry as _rlgym_v1_DictValueEntry, DictValueEntry__Output as _rlgym_v1_DictValueEntry__Output } from '../../rlgym/v1/DictValueEntry.js';

export interface DictValue {
  'entries'?: (_rlgym_v1_DictValueEntry)[];
}

export interface DictValue__Output {
  'entries': (_rlgym_v1_DictValueEntry__Output)[];
}
