// Original file: protos/rlgym/v1/environments.proto

import type { Frame as _rlgym_v1_Frame, Frame__Output as _rlgym_v1_Frame__Output } from '../../rlgym/v1/Frame.js';

export interface RenderResponse {
  'frames'?: (_rlgym_v1_Frame)[];
}

export interface RenderResponse__Output {
  'frames': (_rlgym_v1_Frame__Output)[];
}
