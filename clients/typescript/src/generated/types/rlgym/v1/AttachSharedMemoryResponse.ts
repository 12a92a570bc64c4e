// Original file: protos/rlgym/v1/environments.proto

import type { SharedMemoryBlock as _rlgym_v1_SharedMemoryBlock, SharedMemoryBlock__Output as _rlgym_v1_SharedMemoryBlock__Output } from '../../rlgym/v1/SharedMemoryBlock.js';
import type { Long } from '@grpc/proto-loader';

export interface AttachSharedMemoryResponse {
  'version'?: (number);
  'doorbell'?: (string);
  'token'?: (Buffer | Uint8Array | string);
  'segmentBytes'?: (number | string | Long);
  'blocks'?: (_rlgym_v1_SharedMemoryBlock)[];
  'attachTimeoutMs'?: (number);
}

export interface AttachSharedMemoryResponse__Output {
  'version': (number);
  'doorbell': (string);
  'token': (Buffer);
  'segmentBytes': (string);
  'blocks': (_rlgym_v1_SharedMemoryBlock__Output)[];
  'attachTimeoutMs': (number);
}
