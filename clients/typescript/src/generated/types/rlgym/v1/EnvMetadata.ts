// Original file: protos/rlgym/v1/environments.proto

import type { RewardType as _rlgym_v1_RewardType, RewardType__Output as _rlgym_v1_RewardType__Output } from '../../rlgym/v1/RewardType.js';

export interface EnvMetadata {
  'renderModes'?: (string)[];
  'renderFps'?: (number);
  'rewardType'?: (_rlgym_v1_RewardType);
}

export interface EnvMetadata__Output {
  'renderModes': (string)[];
  'renderFps': (number);
  'rewardType': (_rlgym_v1_RewardType__Output);
}
