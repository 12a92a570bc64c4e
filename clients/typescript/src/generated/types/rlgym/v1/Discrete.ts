// Original file: protos/rlgym/v1/spaces.proto

import type { Long } from '@grpc/proto-loader';

export interface Discrete {
  'n'?: (number | string | Long);
  'start'?: (number | string | Long);
}

export interface Discrete__Output {
  'n': (string);
  'start': (string);
}
