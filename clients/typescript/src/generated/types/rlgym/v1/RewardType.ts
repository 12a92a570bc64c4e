// Original file: protos/rlgym/v1/environments.proto

export const RewardType = {
  REWARD_TYPE_UNSPECIFIED: 'REWARD_TYPE_UNSPECIFIED',
  REWARD_TYPE_FLOAT: 'REWARD_TYPE_FLOAT',
  REWARD_TYPE_INT: 'REWARD_TYPE_INT',
} as const;

export type RewardType =
  | 'REWARD_TYPE_UNSPECIFIED'
  | 0
  | 'REWARD_TYPE_FLOAT'
  | 1
  | 'REWARD_TYPE_INT'
  | 2

export type RewardType__Output = typeof RewardType[keyof typeof RewardType]
