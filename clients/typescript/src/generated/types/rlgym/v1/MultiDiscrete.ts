// Original file: protos/rlgym/v1/spaces.proto

import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from '../../rlgym/v1/Tensor.js';

export interface MultiDiscrete {
  'nvec'?: (_rlgym_v1_Tensor | null);
  'start'?: (_rlgym_v1_Tensor | null);
}

export interface MultiDiscrete__Output {
  'nvec': (_rlgym_v1_Tensor__Output | null);
  'start': (_rlgym_v1_Tensor__Output | null);
}
