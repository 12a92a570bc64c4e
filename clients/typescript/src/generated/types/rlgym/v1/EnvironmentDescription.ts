// Original file: protos/rlgym/v1/environments.proto

import type { EnvSpec as _rlgym_v1_EnvSpec, EnvSpec__Output as _rlgym_v1_EnvSpec__Output } from '../../rlgym/v1/EnvSpec.js';
import type { Space as _rlgym_v1_Space, Space__Output as _rlgym_v1_Space__Output } from '../../rlgym/v1/Space.js';
import type { EnvMetadata as _rlgym_v1_EnvMetadata, EnvMetadata__Output as _rlgym_v1_EnvMetadata__Output } from '../../rlgym/v1/EnvMetadata.js';
import type { Vectorization as _rlgym_v1_Vectorization, Vectorization__Output as _rlgym_v1_Vectorization__Output } from '../../rlgym/v1/Vectorization.js';

export interface EnvironmentDescription {
  'spec'?: (_rlgym_v1_EnvSpec | null);
  'observationSpace'?: (_rlgym_v1_Space | null);
  'actionSpace'?: (_rlgym_v1_Space | null);
  'metadata'?: (_rlgym_v1_EnvMetadata | null);
  'source'?: (string);
  'vectorizations'?: (_rlgym_v1_Vectorization)[];
}

export interface EnvironmentDescription__Output {
  'spec': (_rlgym_v1_EnvSpec__Output | null);
  'observationSpace': (_rlgym_v1_Space__Output | null);
  'actionSpace': (_rlgym_v1_Space__Output | null);
  'metadata': (_rlgym_v1_EnvMetadata__Output | null);
  'source': (string);
  'vectorizations': (_rlgym_v1_Vectorization__Output)[];
}
