// Original file: protos/rlgym/v1/environments.proto

import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from '../../rlgym/v1/Tensor.js';

export interface Image {
  'height'?: (number);
  'width'?: (number);
  'png'?: (Buffer | Uint8Array | string);
  'pixels'?: (_rlgym_v1_Tensor | null);
}

export interface Image__Output {
  'height': (number);
  'width': (number);
  'png': (Buffer);
  'pixels': (_rlgym_v1_Tensor__Output | null);
}
