// Tests run one at a time so that each training has the (two, shared) cores to itself. Trainings on parallel threads
// are safe: Common/ConcurrentTrainingTests runs several at once on purpose.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
