// Original file: protos/rlgym/v1/environments.proto


export interface ListEnvironmentsRequest {
}

export interface ListEnvironmentsRequest__Output {
}
