// Original file: protos/rlgym/v1/environments.proto

export const Backend = {
  BACKEND_UNSPECIFIED: 'BACKEND_UNSPECIFIED',
  BACKEND_AUTO: 'BACKEND_AUTO',
  BACKEND_CPU: 'BACKEND_CPU',
  BACKEND_GPU: 'BACKEND_GPU',
} as const;

export type Backend =
  | 'BACKEND_UNSPECIFIED'
  | 0
  | 'BACKEND_AUTO'
  | 1
  | 'BACKEND_CPU'
  | 2
  | 'BACKEND_GPU'
  | 3

export type Backend__Output = typeof Backend[keyof typeof Backend]
