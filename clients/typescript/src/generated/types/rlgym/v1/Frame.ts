// Original file: protos/rlgym/v1/environments.proto

import type { Image as _rlgym_v1_Image, Image__Output as _rlgym_v1_Image__Output } from '../../rlgym/v1/Image.js';

export interface Frame {
  'image'?: (_rlgym_v1_Image | null);
  'text'?: (string);
  'content'?: "image"|"text";
}

export interface Frame__Output {
  'image'?: (_rlgym_v1_Image__Output | null);
  'text'?: (string);
  'content'?: "image"|"text";
}
