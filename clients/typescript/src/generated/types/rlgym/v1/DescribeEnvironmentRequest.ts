// Original file: protos/rlgym/v1/environments.proto


export interface DescribeEnvironmentRequest {
  'envId'?: (string);
}

export interface DescribeEnvironmentRequest__Output {
  'envId': (string);
}
