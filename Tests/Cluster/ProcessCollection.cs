namespace OrleansChat.Tests.Cluster;

/// <summary>
/// The tests that run whole clusters of processes measure recovery times: they run one at a time, after the parallel
/// tests, so that their figures do not depend on what else shares the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "cluster processes";
}
