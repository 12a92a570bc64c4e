// Original file: protos/rlgym/v1/environments.proto


export interface AttachSharedMemoryRequest {
  'handle'?: (string);
}

export interface AttachSharedMemoryRequest__Output {
  'handle': (string);
}
