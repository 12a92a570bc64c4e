// Original file: protos/rlgym/v1/spaces.proto

import type { Long } from '@grpc/proto-loader';

export interface MultiBinary {
  'shape'?: (number | string | Long)[];
}

export interface MultiBinary__Output {
  'shape': (string)[];
}
