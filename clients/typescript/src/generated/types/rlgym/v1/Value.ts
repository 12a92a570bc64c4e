// Original file: protos/rlgym/v1/values.proto

import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from '../../rlgym/v1/Tensor.js';
import type { DictValue as _rlgym_v1_DictValue, DictValue__Output as _rlgym_v1_DictValue__Output } from '../../rlgym/v1/DictValue.js';
import type { TupleValue as _rlgym_v1_TupleValue, TupleValue__Output as _rlgym_v1_TupleValue__Output } from '../../rlgym/v1/TupleValue.js';
import type { NullValue as _google_protobuf_NullValue, NullValue__Output as _google_protobuf_NullValue__Output } from '../../google/protobuf/NullValue.js';
import type { ListValue as _rlgym_v1_ListValue, ListValue__Output as _rlgym_v1_ListValue__Output } from '../../rlgym/v1/ListValue.js';
import type { Long } from '@grpc/proto-loader';

export interface Value {
  'tensor'?: (_rlgym_v1_Tensor | null);
  'dict'?: (_rlgym_v1_DictValue | null);
  'tuple'?: (_rlgym_v1_TupleValue | null);
  'intValue'?: (number | string | Long);
  'doubleValue'?: (number | string);
  'boolValue'?: (boolean);
  'stringValue'?: (string);
  'none'?: (_google_protobuf_NullValue);
  'list'?: (_rlgym_v1_ListValue | null);
  'kind'?: "tensor"|"dict"|"tuple"|"intValue"|"doubleValue"|"boolValue"|"stringValue"|"none"|"list";
}

export interface Value__Output {
  'tensor'?: (_rlgym_v1_Tensor__Output | null);
  'dict'?: (_rlgym_v1_DictValue__Output | null);
  'tuple'?: (_rlgym_v1_TupleValue__Output | null);
  'intValue'?: (string);
  'doubleValue'?: (number);
  'boolValue'?: (boolean);
  'stringValue'?: (string);
  'none'?: (_google_protobuf_NullValue__Output);
  'list'?: (_rlgym_v1_ListValue__Output | null);
  'kind'?: "tensor"|"dict"|"tuple"|"intValue"|"doubleValue"|"boolValue"|"stringValue"|"none"|"list";
}
