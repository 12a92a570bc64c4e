// Original file: protos/rlgym/v1/environments.proto

import type { FrameEncoding as _rlgym_v1_FrameEncoding, FrameEncoding__Output as _rlgym_v1_FrameEncoding__Output } from '../../rlgym/v1/FrameEncoding.js';

export interface RenderRequest {
  'handle'?: (string);
  'encoding'?: (_rlgym_v1_FrameEncoding);
}

export interface RenderRequest__Output {
  'handle': (string);
  'encoding': (_rlgym_v1_FrameEncoding__Output);
}
