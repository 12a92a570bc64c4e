// Trainings run one at a time: TorchSharp's optimisers were seen failing (Scalar toFloat checks) when several
// trainings ran on parallel threads of one process, and the machine has two cores anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
