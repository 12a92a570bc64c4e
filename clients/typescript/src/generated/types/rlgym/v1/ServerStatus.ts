// Original file: protos/rlgym/v1/environments.proto

import type { Long } from '@grpc/proto-loader';

export interface ServerStatus {
  'version'?: (string);
  'uptimeSeconds'?: (number | string);
  'handlesOpen'?: (number | string | Long);
  'envStepsTotal'?: (number | string | Long);
  'connections'?: (number | string | Long);
  'requestsFailedTotal'?: (number | string | Long);
  'sharedMemoryAttachments'?: (number | string | Long);
}

export interface ServerStatus__Output {
  'version': (string);
  'uptimeSeconds': (number);
  'handlesOpen': (string);
  'envStepsTotal': (string);
  'connections': (string);
  'requestsFailedTotal': (string);
  'sharedMemoryAttachments': (string);
}
