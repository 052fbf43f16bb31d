namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Whether this process's silo has joined its cluster and serves grains: true from the silo's Active stage until it
/// starts to stop. Readiness probes report it, so that a load balancer only sends work to a silo that can take it.
/// </summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Active, _ =>
        {
            _ready = true;
            return Task.CompletedTask;
        }, _ =>
        {
            _ready = false;
            return Task.CompletedTask;
        });
}
