using OrleansChat.Grains.Storage;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// <c>backup FILE</c> and <c>restore FILE</c>: the all-in-one database of the data directory that the same settings
/// (appsettings.json, environment, <c>--Chat:DataDirectory=...</c>) give the gateway. docs/operations.md, "Back up and restore".
/// </summary>
public static class DataCommands
{
    public static bool IsCommand(string[] args) => args is ["backup" or "restore", ..];

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"usage: OrleansChat.WebGateway {args[0]} FILE [--Chat:DataDirectory=DIR]");
            return 2;
        }
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[2..])
            .Build();
        var options = configuration.GetSection(ChatGatewayOptions.Section).Get<ChatGatewayOptions>() ?? new ChatGatewayOptions();
        var database = Path.GetFullPath(Path.Combine(options.DataDirectory, OrleansHosting.DatabaseFile));
        try
        {
            if (args[0] == "backup")
            {
                SqliteBackup.Backup(database, args[1]);
                Console.WriteLine($"Backed up {database} to {Path.GetFullPath(args[1])}.");
            }
            else
            {
                var floor = SqliteBackup.Restore(args[1], database, TimeProvider.System.GetUtcNow());
                Console.WriteLine($"Restored {Path.GetFullPath(args[1])} to {database}; rooms continue above sequence number {floor}.");
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"{args[0]} failed: {e.Message}");
            return 1;
        }
    }
}
