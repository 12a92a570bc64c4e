// Original file: protos/rlgym/v1/environments.proto

import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from '../../rlgym/v1/Value.js';
import type { Long } from '@grpc/proto-loader';

export interface EnvSpec {
  'id'?: (string);
  'entryPoint'?: (string);
  'maxEpisodeSteps'?: (number | string | Long);
  'rewardThreshold'?: (number | string);
  'nondeterministic'?: (boolean);
  'orderEnforce'?: (boolean);
  'kwargs'?: ({[key: string]: _rlgym_v1_Value});
  'hasVectorEntryPoint'?: (boolean);
  '_maxEpisodeSteps'?: "maxEpisodeSteps";
  '_rewardThreshold'?: "rewardThreshold";
}

export interface EnvSpec__Output {
  'id': (string);
  'entryPoint': (string);
  'maxEpisodeSteps'?: (string);
  'rewardThreshold'?: (number);
  'nondeterministic': (boolean);
  'orderEnforce': (boolean);
  'kwargs': ({[key: string]: _rlgym_v1_Value__Output});
  'hasVectorEntryPoint': (boolean);
  '_maxEpisodeSteps'?: "maxEpisodeSteps";
  '_rewardThreshold'?: "rewardThreshold";
}
