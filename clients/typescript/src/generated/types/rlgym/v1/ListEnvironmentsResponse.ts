// Original file: protos/rlgym/v1/environments.proto

import type { EnvironmentDescription as _rlgym_v1_EnvironmentDescription, EnvironmentDescription__Output as _rlgym_v1_EnvironmentDescription__Output } from '../../rlgym/v1/EnvironmentDescription.js';

export interface ListEnvironmentsResponse {
  'environments'?: (_rlgym_v1_EnvironmentDescription)[];
}

export interface ListEnvironmentsResponse__Output {
  'environments': (_rlgym_v1_EnvironmentDescription__Output)[];
}
