// Original file: protos/rlgym/v1/environments.proto

export const StepPhase = {
  STEP_PHASE_SEND_AND_RECV: 'STEP_PHASE_SEND_AND_RECV',
  STEP_PHASE_SEND: 'STEP_PHASE_SEND',
  STEP_PHASE_RECV: 'STEP_PHASE_RECV',
} as const;

export type StepPhase =
  | 'STEP_PHASE_SEND_AND_RECV'
  | 0
  | 'STEP_PHASE_SEND'
  | 1
  | 'STEP_PHASE_RECV'
  | 2

export type StepPhase__Output = typeof StepPhase[keyof typeof StepPhase]
