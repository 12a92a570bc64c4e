// Original file: protos/rlgym/v1/environments.proto

import type { DType as _rlgym_v1_DType, DType__Output as _rlgym_v1_DType__Output } from '../../rlgym/v1/DType.js';
import type { Long } from '@grpc/proto-loader';

export interface SharedMemoryBlock {
  'name'?: (string);
  'dtype'?: (_rlgym_v1_DType);
  'shape'?: (number | string | Long)[];
  'offset'?: (number | string | Long);
  'length'?: (number | string | Long);
}

export interface SharedMemoryBlock__Output {
  'name': (string);
  'dtype': (_rlgym_v1_DType__Output);
  'shape': (string)[];
  'offset': (string);
  'length': (string);
}
