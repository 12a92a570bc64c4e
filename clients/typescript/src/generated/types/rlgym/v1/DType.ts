// Original file: protos/rlgym/v1/tensor.proto

export const DType = {
  DTYPE_UNSPECIFIED: 'DTYPE_UNSPECIFIED',
  DTYPE_FLOAT32: 'DTYPE_FLOAT32',
  DTYPE_FLOAT64: 'DTYPE_FLOAT64',
  DTYPE_INT8: 'DTYPE_INT8',
  DTYPE_INT16: 'DTYPE_INT16',
  DTYPE_INT32: 'DTYPE_INT32',
  DTYPE_INT64: 'DTYPE_INT64',
  DTYPE_UINT8: 'DTYPE_UINT8',
  DTYPE_UINT16: 'DTYPE_UINT16',
  DTYPE_UINT32: 'DTYPE_UINT32',
  DTYPE_UINT64: 'DTYPE_UINT64',
  DTYPE_BOOL: 'DTYPE_BOOL',
} as const;

export type DType =
  | 'DTYPE_UNSPECIFIED'
  | 0
  | 'DTYPE_FLOAT32'
  | 1
  | 'DTYPE_FLOAT64'
  | 2
  | 'DTYPE_INT8'
  | 3
  | 'DTYPE_INT16'
  | 4
  | 'DTYPE_INT32'
  | 5
  | 'DTYPE_INT64'
  | 6
  | 'DTYPE_UINT8'
  | 7
  | 'DTYPE_UINT16'
  | 8
  | 'DTYPE_UINT32'
  | 9
  | 'DTYPE_UINT64'
  | 10
  | 'DTYPE_BOOL'
  | 11

export type DType__Output = typeof DType[keyof typeof DType]
