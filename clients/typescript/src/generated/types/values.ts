import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { DictValue as _rlgym_v1_DictValue, DictValue__Output as _rlgym_v1_DictValue__Output } from './rlgym/v1/DictValue.js';
import type { DictValueEntry as _rlgym_v1_DictValueEntry, DictValueEntry__Output as _rlgym_v1_DictValueEntry__Output } from './rlgym/v1/DictValueEntry.js';
import type { ListValue as _rlgym_v1_ListValue, ListValue__Output as _rlgym_v1_ListValue__Output } from './rlgym/v1/ListValue.js';
import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from './rlgym/v1/Tensor.js';
import type { TupleValue as _rlgym_v1_TupleValue, TupleValue__Output as _rlgym_v1_TupleValue__Output } from './rlgym/v1/TupleValue.js';
import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from './rlgym/v1/Value.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  rlgym: {
    v1: {
      DType: EnumTypeDefinition
      DictValue: MessageTypeDefinition<_rlgym_v1_DictValue, _rlgym_v1_DictValue__Output>
      DictValueEntry: MessageTypeDefinition<_rlgym_v1_DictValueEntry, _rlgym_v1_DictValueEntry__Output>
      ListValue: MessageTypeDefinition<_rlgym_v1_ListValue, _rlgym_v1_ListValue__Output>
      Tensor: MessageTypeDefinition<_rlgym_v1_Tensor, _rlgym_v1_Tensor__Output>
      TupleValue: MessageTypeDefinition<_rlgym_v1_TupleValue, _rlgym_v1_TupleValue__Output>
      Value: MessageTypeDefinition<_rlgym_v1_Value, _rlgym_v1_Value__Output>
    }
  }
}

