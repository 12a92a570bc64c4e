// Original file: protos/rlgym/v1/spaces.proto

import type { Box as _rlgym_v1_Box, Box__Output as _rlgym_v1_Box__Output } from '../../rlgym/v1/Box.js';
import type { Discrete as _rlgym_v1_Discrete, Discrete__Output as _rlgym_v1_Discrete__Output } from '../../rlgym/v1/Discrete.js';
import type { MultiDiscrete as _rlgym_v1_MultiDiscrete, MultiDiscrete__Output as _rlgym_v1_MultiDiscrete__Output } from '../../rlgym/v1/MultiDiscrete.js';
import type { MultiBinary as _rlgym_v1_MultiBinary, MultiBinary__Output as _rlgym_v1_MultiBinary__Output } from '../../rlgym/v1/MultiBinary.js';
import type { DictSpace as _rlgym_v1_DictSpace, DictSpace__Output as _rlgym_v1_DictSpace__Output } from '../../rlgym/v1/DictSpace.js';
import type { TupleSpace as _rlgym_v1_TupleSpace, TupleSpace__Output as _rlgym_v1_TupleSpace__Output } from '../../rlgym/v1/TupleSpace.js';

export interface Space {
  'box'?: (_rlgym_v1_Box | null);
  'discrete'?: (_rlgym_v1_Discrete | null);
  'multiDiscrete'?: (_rlgym_v1_MultiDiscrete | null);
  'multiBinary'?: (_rlgym_v1_MultiBinary | null);
  'dict'?: (_rlgym_v1_DictSpace | null);
  'tuple'?: (_rlgym_v1_TupleSpace | null);
  'kind'?: "box"|"discrete"|"multiDiscrete"|"multiBinary"|"dict"|"tuple";
}

export interface Space__Output {
  'box'?: (_rlgym_v1_Box__Output | null);
  'discrete'?: (_rlgym_v1_Discrete__Output | null);
  'multiDiscrete'?: (_rlgym_v1_MultiDiscrete__Output | null);
  'multiBinary'?: (_rlgym_v1_MultiBinary__Output | null);
  'dict'?: (_rlgym_v1_DictSpace__Output | null);
  'tuple'?: (_rlgym_v1_TupleSpace__Output | null);
  'kind'?: "box"|"discrete"|"multiDiscrete"|"multiBinary"|"dict"|"tuple";
}
