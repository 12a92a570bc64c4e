import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from './rlgym/v1/Tensor.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  rlgym: {
    v1: {
      DType: EnumTypeDefinition
      Tensor: MessageTypeDefinition<_rlgym_v1_Tensor, _rlgym_v1_Tensor__Output>
    }
  }
}

