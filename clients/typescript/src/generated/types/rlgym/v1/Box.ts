// Original file: protos/rlgym/v1/spaces.proto

import type { DType as _rlgym_v1_DType, DType__Output as _rlgym_v1_DType__Output } from '../../rlgym/v1/DType.js';
import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from '../../rlgym/v1/Tensor.js';
import type { Long } from '@grpc/proto-loader';

export interface Box {
  'dtype'?: (_rlgym_v1_DType);
  'shape'?: (number | string | Long)[];
  'low'?: (_rlgym_v1_Tensor | null);
  'high'?: (_rlgym_v1_Tensor | null);
}

export interface Box__Output {
  'dtype': (_rlgym_v1_DType__Output);
  'shape': (string)[];
  'low': (_rlgym_v1_Tensor__Output | null);
  'high': (_rlgym_v1_Tensor__Output | null);
}
