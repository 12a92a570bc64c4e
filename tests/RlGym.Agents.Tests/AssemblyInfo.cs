// Trainings run one at a time: several on parallel threads of one process fail in libtorch (a TorchSharp Scalar
// finalized mid-call when another thread triggers a GC; see docs/agents.md, "One training per process").
[assembly: CollectionBehavior(DisableTestParallelization = true)]
