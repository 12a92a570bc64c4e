// Original file: protos/rlgym/v1/spaces.proto

import type { DictSpaceEntry as _rlgym_v1_DictSpaceEntry, DictSpaceEntry__Output as _rlgym_v1_DictSpaceEntry__Output } from '../../rlgym/v1/DictSpaceEntry.js';

export interface DictSpace {
  'entries'?: (_rlgym_v1_DictSpaceEntry)[];
}

export interface DictSpace__Output {
  'entries': (_rlgym_v1_DictSpaceEntry__Output)[];
}
