// Original file: protos/rlgym/v1/environments.proto

export const FrameEncoding = {
  FRAME_ENCODING_UNSPECIFIED: 'FRAME_ENCODING_UNSPECIFIED',
  FRAME_ENCODING_PNG: 'FRAME_ENCODING_PNG',
  FRAME_ENCODING_RAW: 'FRAME_ENCODING_RAW',
} as const;

export type FrameEncoding =
  | 'FRAME_ENCODING_UNSPECIFIED'
  | 0
  | 'FRAME_ENCODING_PNG'
  | 1
  | 'FRAME_ENCODING_RAW'
  | 2

export type FrameEncoding__Output = typeof FrameEncoding[keyof typeof FrameEncoding]
