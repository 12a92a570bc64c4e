// Original file: protos/rlgym/v1/spaces.proto

import type { Space as _rlgym_v1_Space, Space__Output as _rlgym_v1_Space__Output } from '../../rlgym/v1/Space.js';

export interface DictSpaceEntry {
  'key'?: (string);
  'space'?: (_rlgym_v1_Space | null);
}

export interface DictSpaceEntry__Output {
  'key': (string);
  'space': (_rlgym_v1_Space__Output | null);
}
