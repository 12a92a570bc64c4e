// Original file: protos/rlgym/v1/environments.proto


export interface GetServerStatusRequest {
}

export interface GetServerStatusRequest__Output {
}
