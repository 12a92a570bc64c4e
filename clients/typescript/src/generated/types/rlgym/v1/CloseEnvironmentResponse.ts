// Original file: protos/rlgym/v1/environments.proto


export interface CloseEnvironmentResponse {
}

export interface CloseEnvironmentResponse__Output {
}
