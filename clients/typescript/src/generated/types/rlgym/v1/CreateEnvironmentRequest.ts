// Original file: protos/rlgym/v1/environments.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';
import type { AutoresetMode as _rlgym_v1_AutoresetMode, AutoresetMode__Output as _rlgym_v1_AutoresetMode__Output } from '../../rlgym/v1/AutoresetMode.js';
import type { Backend as _rlgym_v1_Backend, Backend__Output as _rlgym_v1_Backend__Output } from '../../rlgym/v1/Backend.js';
import type { Vectorization as _rlgym_v1_Vectorization, Vectorization__Output as _rlgym_v1_Vectorization__Output } from '../../rlgym/v1/Vectorization.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateEnvironmentRequest {
  'envId'?: (string);
  'kwargs'?: ({[key: string]: _rlgym_v1_Value});
  'numEnvs'?: (number);
  'renderMode'?: (string);
  'autoresetMode'?: (_rlgym_v1_AutoresetMode);
  'backend'?: (_rlgym_v1_Backend);
  'maxEpisodeSteps'?: (number | string | Long);
  'vectorKwargs'?: ({[key: string]: _rlgym_v1_Value});
  'vectorization'?: (_rlgym_v1_Vectorization);
  'batchSize'?: (number);
  '_maxEpisodeSteps'?: "maxEpisodeSteps";
}

export interface CreateEnvironmentRequest__Output {
  'envId': (string);
  'kwargs': ({[key: string]: _rlgym_v1_Value__Output});
  'numEnvs': (number);
  'renderMode': (string);
  'autoresetMode': (_rlgym_v1_AutoresetMode__Output);
  'backend': (_rlgym_v1_Backend__Output);
  'maxEpisodeSteps'?: (string);
  'vectorKwargs': ({[key: string]: _rlgym_v1_Value__Output});
  'vectorization': (_rlgym_v1_Vectorization__Output);
  'batchSize': (number);
  '_maxEpisodeSteps'?: "maxEpisodeSteps";
}
