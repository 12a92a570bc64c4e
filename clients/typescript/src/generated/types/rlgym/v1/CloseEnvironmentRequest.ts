// Original file: protos/rlgym/v1/environments.proto


export interface CloseEnvironmentRequest {
  'handle'?: (string);
}

export interface CloseEnvironmentRequest__Output {
  'handle': (string);
}
