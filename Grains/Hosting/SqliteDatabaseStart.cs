using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Opens the SQLite database as the silo starts rather than at the first grain call: the schema is in place before the
/// first request, and from then on the file is held open, which is what a restore checks to refuse to run.
/// </summary>
internal sealed class SqliteDatabaseStart(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteDatabaseStart), ServiceLifecycleStage.First, _ =>
        {
            services.GetRequiredService<SqliteDatabase>();
            return Task.CompletedTask;
        });
}
