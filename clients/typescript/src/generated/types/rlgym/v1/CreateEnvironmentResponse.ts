// Original file: protos/rlgym/v1/environments.proto

import type { Space as _rlgym_v1_Space, Space__Output as _rlgym_v1_Space__Output } from '../../rlgym/v1/Space.js';
import type { EnvSpec as _rlgym_v1_EnvSpec, EnvSpec__Output as _rlgym_v1_EnvSpec__Output } from '../../rlgym/v1/EnvSpec.js';
import type { EnvMetadata as _rlgym_v1_EnvMetadata, EnvMetadata__Output as _rlgym_v1_EnvMetadata__Output } from '../../rlgym/v1/EnvMetadata.js';
import type { AutoresetMode as _rlgym_v1_AutoresetMode, AutoresetMode__Output as _rlgym_v1_AutoresetMode__Output } from '../../rlgym/v1/AutoresetMode.js';
import type { Backend as _rlgym_v1_Backend, Backend__Output as _rlgym_v1_Backend__Output } from '../../rlgym/v1/Backend.js';
import type { Vectorization as _rlgym_v1_Vectorization, Vectorization__Output as _rlgym_v1_Vectorization__Output } from '../../rlgym/v1/Vectorization.js';

export interface CreateEnvironmentResponse {
  'handle'?: (string);
  'observationSpace'?: (_rlgym_v1_Space | null);
  'actionSpace'?: (_rlgym_v1_Space | null);
  'spec'?: (_rlgym_v1_EnvSpec | null);
  'metadata'?: (_rlgym_v1_EnvMetadata | null);
  'numEnvs'?: (number);
  'autoresetMode'?: (_rlgym_v1_AutoresetMode);
  'backend'?: (_rlgym_v1_Backend);
  'renderMode'?: (string);
  'vectorization'?: (_rlgym_v1_Vectorization);
  'batchSize'?: (number);
}

export interface CreateEnvironmentResponse__Output {
  'handle': (string);
  'observationSpace': (_rlgym_v1_Space__Output | null);
  'actionSpace': (_rlgym_v1_Space__Output | null);
  'spec': (_rlgym_v1_EnvSpec__Output | null);
  'metadata': (_rlgym_v1_EnvMetadata__Output | null);
  'numEnvs': (number);
  'autoresetMode': (_rlgym_v1_AutoresetMode__Output);
  'backend': (_rlgym_v1_Backend__Output);
  'renderMode': (string);
  'vectorization': (_rlgym_v1_Vectorization__Output);
  'batchSize': (number);
}
