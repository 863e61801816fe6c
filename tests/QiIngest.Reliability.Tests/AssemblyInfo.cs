// The scenarios share one Azurite and two cores with other engineers: one at a time keeps their timing and memory honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
