import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { AttachSharedMemoryRequest as _rlgym_v1_AttachSharedMemoryRequest, AttachSharedMemoryRequest__Output as _rlgym_v1_AttachSharedMemoryRequest__Output } from './rlgym/v1/AttachSharedMemoryRequest.js';
import type { AttachSharedMemoryResponse as _rlgym_v1_AttachSharedMemoryResponse, AttachSharedMemoryResponse__Output as _rlgym_v1_AttachSharedMemoryResponse__Output } from './rlgym/v1/AttachSharedMemoryResponse.js';
import type { Box as _rlgym_v1_Box, Box__Output as _rlgym_v1_Box__Output } from './rlgym/v1/Box.js';
import type { CloseEnvironmentRequest as _rlgym_v1_CloseEnvironmentRequest, CloseEnvironmentRequest__Output as _rlgym_v1_CloseEnvironmentRequest__Output } from './rlgym/v1/CloseEnvironmentRequest.js';
import type { CloseEnvironmentResponse as _rlgym_v1_CloseEnvironmentResponse, CloseEnvironmentResponse__Output as _rlgym_v1_CloseEnvironmentResponse__Output } from './rlgym/v1/CloseEnvironmentResponse.js';
import type { CreateEnvironmentRequest as _rlgym_v1_CreateEnvironmentRequest, CreateEnvironmentRequest__Output as _rlgym_v1_CreateEnvironmentRequest__Output } from './rlgym/v1/CreateEnvironmentRequest.js';
import type { CreateEnvironmentResponse as _rlgym_v1_CreateEnvironmentResponse, CreateEnvironmentResponse__Output as _rlgym_v1_CreateEnvironmentResponse__Output } from './rlgym/v1/CreateEnvironmentResponse.js';
import type { DescribeEnvironmentRequest as _rlgym_v1_DescribeEnvironmentRequest, DescribeEnvironmentRequest__Output as _rlgym_v1_DescribeEnvironmentRequest__Output } from './rlgym/v1/DescribeEnvironmentRequest.js';
import type { DictSpace as _rlgym_v1_DictSpace, DictSpace__Output as _rlgym_v1_DictSpace__Output } from './rlgym/v1/DictSpace.js';
import type { DictSpaceEntry as _rlgym_v1_DictSpaceEntry, DictSpaceEntry__Output as _rlgym_v1_DictSpaceEntry__Output } from './rlgym/v1/DictSpaceEntry.js';
import type { DictValue as _rlgym_v1_DictValue, DictValue__Output as _rlgym_v1_DictValue__Output } from './rlgym/v1/DictValue.js';
import type { DictValueEntry as _rlgym_v1_DictValueEntry, DictValueEntry__Output as _rlgym_v1_DictValueEntry__Output } from './rlgym/v1/DictValueEntry.js';
import type { Discrete as _rlgym_v1_Discrete, Discrete__Output as _rlgym_v1_Discrete__Output } from './rlgym/v1/Discrete.js';
import type { EnvMetadata as _rlgym_v1_EnvMetadata, EnvMetadata__Output as _rlgym_v1_EnvMetadata__Output } from './rlgym/v1/EnvMetadata.js';
import type { EnvSpec as _rlgym_v1_EnvSpec, EnvSpec__Output as _rlgym_v1_EnvSpec__Output } from './rlgym/v1/EnvSpec.js';
import type { EnvironmentDescription as _rlgym_v1_EnvironmentDescription, EnvironmentDescription__Output as _rlgym_v1_EnvironmentDescription__Output } from './rlgym/v1/EnvironmentDescription.js';
import type { EnvironmentsClient as _rlgym_v1_EnvironmentsClient, EnvironmentsDefinition as _rlgym_v1_EnvironmentsDefinition } from './rlgym/v1/Environments.js';
import type { Frame as _rlgym_v1_Frame, Frame__Output as _rlgym_v1_Frame__Output } from './rlgym/v1/Frame.js';
import type { GetServerStatusRequest as _rlgym_v1_GetServerStatusRequest, GetServerStatusRequest__Output as _rlgym_v1_GetServerStatusRequest__Output } from './rlgym/v1/GetServerStatusRequest.js';
import type { Image as _rlgym_v1_Image, Image__Output as _rlgym_v1_Image__Output } from './rlgym/v1/Image.js';
import type { ListEnvironmentsRequest as _rlgym_v1_ListEnvironmentsRequest, ListEnvironmentsRequest__Output as _rlgym_v1_ListEnvironmentsRequest__Output } from './rlgym/v1/ListEnvironmentsRequest.js';
import type { ListEnvironmentsResponse as _rlgym_v1_ListEnvironmentsResponse, ListEnvironmentsResponse__Output as _rlgym_v1_ListEnvironmentsResponse__Output } from './rlgym/v1/ListEnvironmentsResponse.js';
import type { ListValue as _rlgym_v1_ListValue, ListValue__Output as _rlgym_v1_ListValue__Output } from './rlgym/v1/ListValue.js';
import type { MultiBinary as _rlgym_v1_MultiBinary, MultiBinary__Output as _rlgym_v1_MultiBinary__Output } from './rlgym/v1/MultiBinary.js';
import type { MultiDiscrete as _rlgym_v1_MultiDiscrete, MultiDiscrete__Output as _rlgym_v1_MultiDiscrete__Output } from './rlgym/v1/MultiDiscrete.js';
import type { RenderRequest as _rlgym_v1_RenderRequest, RenderRequest__Output as _rlgym_v1_RenderRequest__Output } from './rlgym/v1/RenderRequest.js';
import type { RenderResponse as _rlgym_v1_RenderResponse, RenderResponse__Output as _rlgym_v1_RenderResponse__Output } from './rlgym/v1/RenderResponse.js';
import type { ResetRequest as _rlgym_v1_ResetRequest, ResetRequest__Output as _rlgym_v1_ResetRequest__Output } from './rlgym/v1/ResetRequest.js';
import type { ResetResponse as _rlgym_v1_ResetResponse, ResetResponse__Output as _rlgym_v1_ResetResponse__Output } from './rlgym/v1/ResetResponse.js';
import type { ServerStatus as _rlgym_v1_ServerStatus, ServerStatus__Output as _rlgym_v1_ServerStatus__Output } from './rlgym/v1/ServerStatus.js';
import type { SessionRequest as _rlgym_v1_SessionRequest, SessionRequest__Output as _rlgym_v1_SessionRequest__Output } from './rlgym/v1/SessionRequest.js';
import type { SessionResponse as _rlgym_v1_SessionResponse, SessionResponse__Output as _rlgym_v1_SessionResponse__Output } from './rlgym/v1/SessionResponse.js';
import type { SharedMemoryBlock as _rlgym_v1_SharedMemoryBlock, SharedMemoryBlock__Output as _rlgym_v1_SharedMemoryBlock__Output } from './rlgym/v1/SharedMemoryBlock.js';
import type { Space as _rlgym_v1_Space, Space__Output as _rlgym_v1_Space__Output } from './rlgym/v1/Space.js';
import type { StepRequest as _rlgym_v1_StepRequest, StepRequest__Output as _rlgym_v1_StepRequest__Output } from './rlgym/v1/StepRequest.js';
import type { StepResponse as _rlgym_v1_StepResponse, StepResponse__Output as _rlgym_v1_StepResponse__Output } from './rlgym/v1/StepResponse.js';
import type { Tensor as _rlgym_v1_Tensor, Tensor__Output as _rlgym_v1_Tensor__Output } from './rlgym/v1/Tensor.js';
import type { TupleSpace as _rlgym_v1_TupleSpace, TupleSpace__Output as _rlgym_v1_TupleSpace__Output } from './rlgym/v1/TupleSpace.js';
import type { TupleValue as _rlgym_v1_TupleValue, TupleValue__Output as _rlgym_v1_TupleValue__Output } from './rlgym/v1/TupleValue.js';
import type { Value as _rlgym_v1_Value, Value__Output as _rlgym_v1_Value__Output } from './rlgym/v1/Value.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  rlgym: {
    v1: {
      AttachSharedMemoryRequest: MessageTypeDefinition<_rlgym_v1_AttachSharedMemoryRequest, _rlgym_v1_AttachSharedMemoryRequest__Output>
      AttachSharedMemoryResponse: MessageTypeDefinition<_rlgym_v1_AttachSharedMemoryResponse, _rlgym_v1_AttachSharedMemoryResponse__Output>
      AutoresetMode: EnumTypeDefinition
      Backend: EnumTypeDefinition
      Box: MessageTypeDefinition<_rlgym_v1_Box, _rlgym_v1_Box__Output>
      CloseEnvironmentRequest: MessageTypeDefinition<_rlgym_v1_CloseEnvironmentRequest, _rlgym_v1_CloseEnvironmentRequest__Output>
      CloseEnvironmentResponse: MessageTypeDefinition<_rlgym_v1_CloseEnvironmentResponse, _rlgym_v1_CloseEnvironmentResponse__Output>
      CreateEnvironmentRequest: MessageTypeDefinition<_rlgym_v1_CreateEnvironmentRequest, _rlgym_v1_CreateEnvironmentRequest__Output>
      CreateEnvironmentResponse: MessageTypeDefinition<_rlgym_v1_CreateEnvironmentResponse, _rlgym_v1_CreateEnvironmentResponse__Output>
      DType: EnumTypeDefinition
      DescribeEnvironmentRequest: MessageTypeDefinition<_rlgym_v1_DescribeEnvironmentRequest, _rlgym_v1_DescribeEnvironmentRequest__Output>
      DictSpace: MessageTypeDefinition<_rlgym_v1_DictSpace, _rlgym_v1_DictSpace__Output>
      DictSpaceEntry: MessageTypeDefinition<_rlgym_v1_DictSpaceEntry, _rlgym_v1_DictSpaceEntry__Output>
      DictValue: MessageTypeDefinition<_rlgym_v1_DictValue, _rlgym_v1_DictValue__Output>
      DictValueEntry: MessageTypeDefinition<_rlgym_v1_DictValueEntry, _rlgym_v1_DictValueEntry__Output>
      Discrete: MessageTypeDefinition<_rlgym_v1_Discrete, _rlgym_v1_Discrete__Output>
      EnvMetadata: MessageTypeDefinition<_rlgym_v1_EnvMetadata, _rlgym_v1_EnvMetadata__Output>
      EnvSpec: MessageTypeDefinition<_rlgym_v1_EnvSpec, _rlgym_v1_EnvSpec__Output>
      EnvironmentDescription: MessageTypeDefinition<_rlgym_v1_EnvironmentDescription, _rlgym_v1_EnvironmentDescription__Output>
      Environments: SubtypeConstructor<typeof grpc.Client, _rlgym_v1_EnvironmentsClient> & { service: _rlgym_v1_EnvironmentsDefinition }
      Frame: MessageTypeDefinition<_rlgym_v1_Frame, _rlgym_v1_Frame__Output>
      FrameEncoding: EnumTypeDefinition
      GetServerStatusRequest: MessageTypeDefinition<_rlgym_v1_GetServerStatusRequest, _rlgym_v1_GetServerStatusRequest__Output>
      Image: MessageTypeDefinition<_rlgym_v1_Image, _rlgym_v1_Image__Output>
      ListEnvironmentsRequest: MessageTypeDefinition<_rlgym_v1_ListEnvironmentsRequest, _rlgym_v1_ListEnvironmentsRequest__Output>
      ListEnvironmentsResponse: MessageTypeDefinition<_rlgym_v1_ListEnvironmentsResponse, _rlgym_v1_ListEnvironmentsResponse__Output>
      ListValue: MessageTypeDefinition<_rlgym_v1_ListValue, _rlgym_v1_ListValue__Output>
      MultiBinary: MessageTypeDefinition<_rlgym_v1_MultiBinary, _rlgym_v1_MultiBinary__Output>
      MultiDiscrete: MessageTypeDefinition<_rlgym_v1_MultiDiscrete, _rlgym_v1_MultiDiscrete__Output>
      RenderRequest: MessageTypeDefinition<_rlgym_v1_RenderRequest, _rlgym_v1_RenderRequest__Output>
      RenderResponse: MessageTypeDefinition<_rlgym_v1_RenderResponse, _rlgym_v1_RenderResponse__Output>
      ResetRequest: MessageTypeDefinition<_rlgym_v1_ResetRequest, _rlgym_v1_ResetRequest__Output>
      ResetResponse: MessageTypeDefinition<_rlgym_v1_ResetResponse, _rlgym_v1_ResetResponse__Output>
      RewardType: EnumTypeDefinition
      ServerStatus: MessageTypeDefinition<_rlgym_v1_ServerStatus, _rlgym_v1_ServerStatus__Output>
      SessionRequest: MessageTypeDefinition<_rlgym_v1_SessionRequest, _rlgym_v1_SessionRequest__Output>
      SessionResponse: MessageTypeDefinition<_rlgym_v1_SessionResponse, _rlgym_v1_SessionResponse__Output>
      SharedMemoryBlock: MessageTypeDefinition<_rlgym_v1_SharedMemoryBlock, _rlgym_v1_SharedMemoryBlock__Output>
      Space: MessageTypeDefinition<_rlgym_v1_Space, _rlgym_v1_Space__Output>
      StepPhase: EnumTypeDefinition
      StepRequest: MessageTypeDefinition<_rlgym_v1_StepRequest, _rlgym_v1_StepRequest__Output>
      StepResponse: MessageTypeDefinition<_rlgym_v1_StepResponse, _rlgym_v1_StepResponse__Output>
      Tensor: MessageTypeDefinition<_rlgym_v1_Tensor, _rlgym_v1_Tensor__Output>
      TupleSpace: MessageTypeDefinition<_rlgym_v1_TupleSpace, _rlgym_v1_TupleSpace__Output>
      TupleValue: MessageTypeDefinition<_rlgym_v1_TupleValue, _rlgym_v1_TupleValue__Output>
      Value: MessageTypeDefinition<_rlgym_v1_Value, _rlgym_v1_Value__Output>
      Vectorization: EnumTypeDefinition
    }
  }
}

