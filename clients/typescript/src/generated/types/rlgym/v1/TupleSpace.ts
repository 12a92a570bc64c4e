// Original file: protos/rlgym/v1/spaces.proto

import type { Space as _rlgym_v1_Space, Space__Output as _rlgym_v1_Space__Output } from '../../rlgym/v1/Space.js';

export interface TupleSpace {
  'spaces'?: (_rlgym_v1_Space)[];
}

export interface TupleSpace__Output {
  'spaces': (_rlgym_v1_Space__Output)[];
}
