// Original file: protos/rlgym/v1/tensor.proto

import type { DType as _rlgym_v1_DType, DType__Output as _rlgym_v1_DType__Output } from '../../rlgym/v1/DType.js';
import type { Long } from '@grpc/proto-loader';

export interface Tensor {
  'dtype'?: (_rlgym_v1_DType);
  'shape'?: (number | string | Long)[];
  'data'?: (Buffer | Uint8Array | string);
}

export interface Tensor__Output {
  'dtype': (_rlgym_v1_DType__Output);
  'shape': (string)[];
  'data': (Buffer);
}
