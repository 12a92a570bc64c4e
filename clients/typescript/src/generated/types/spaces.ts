import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Box as _rlgym_v1_Box, Box__Output as _rlgym_v1_Box__Output } from './rlgym/v1/Box.js';
import type { DictSpace as _rlgym_v1_DictSpace, DictSpace__Output as _rlgym_v1_DictSpace__Output } from './rlgym/v1/DictSpace.js';
import type { DictSpaceEntry as _rlgym_v1_DictSpaceEntry, DictSpaceEntry__Output as _rlgym_v1_DictSpaceEntry__Output } from './rlgym/v1/DictSpaceEntry.js';
import type { Discrete as _rlgym_v1_Discrete, Discrete__Output as _rlgym_v1_Discrete__Output } from './rlgym/v1/Discrete.js';
import type { MultiBinary as _rlgym_v1_MultiBinary, MultiBinary__Output as _rlgym_v1_MultiBinary__Output } from './rlgym/v1/MultiBinary.js';
import type { MultiDiscrete as _rlgym_v1_MultiDiscrete, MultiDiscrete__Output as _rlgym_v1_MultiDiscrete__Output } from './rlgym/v1/MultiDiscrete.js';
import type { Space as _rlgym_v1_Space, Space__Output as _rlgym_v1_Space__Output } from './rlgym/v1/Space.js';
import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from './rlgym/v1/Tensor.js';
import type { TupleSpace as _rlgym_v1_TupleSpace, TupleSpace__Output as _rlgym_v1_TupleSpace__Output } from './rlgym/v1/TupleSpace.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  rlgym: {
    v1: {
      Box: MessageTypeDefinition<_rlgym_v1_Box, _rlgym_v1_Box__Output>
      DType: EnumTypeDefinition
      DictSpace: MessageTypeDefinition<_rlgym_v1_DictSpace, _rlgym_v1_DictSpace__Output>
      DictSpaceEntry: MessageTypeDefinition<_rlgym_v1_DictSpaceEntry, _rlgym_v1_DictSpaceEntry__Output>
      Discrete: MessageTypeDefinition<_rlgym_v1_Discrete, _rlgym_v1_Discrete__Output>
      MultiBinary: MessageTypeDefinition<_rlgym_v1_MultiBinary, _rlgym_v1_MultiBinary__Output>
      MultiDiscrete: MessageTypeDefinition<_rlgym_v1_MultiDiscrete, _rlgym_v1_MultiDiscrete__Output>
      Space: MessageTypeDefinition<_rlgym_v1_Space, _rlgym_v1_Space__Output>
      Tensor: MessageTypeDefinition<_rlgym_v1_Tensor, _rlgym_v1_Tensor__Output>
      TupleSpace: MessageTypeDefinition<_rlgym_v1_TupleSpace, _rlgym_v1_TupleSpace__Output>
    }
  }
}

