using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Brings the cluster database up to date before anything else of the silo starts: Orleans' membership and grain
/// storage read their queries from it, so they must find the tables. Every silo runs it; the migrations take turns.
/// </summary>
internal sealed class PostgresSchemaMigration(string connectionString, ILogger<PostgresSchemaMigration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaMigration), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await PostgresSchema.EnsureSchemaAsync(connectionString, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("PostgreSQL schema is at version {Version}", PostgresSchema.Version);
    }
}
