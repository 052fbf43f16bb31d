using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A real, throwaway PostgreSQL 15 server: its own data directory in a temporary folder, a free port on 127.0.0.1,
/// durable commits (fsync on). Stopped and deleted on dispose. Use it as an xunit class or collection fixture.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    // initdb refuses to run as root, so a root test run starts the server tools as this user.
    private const string ServerUser = "postgres";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleanschat-pg-" + Guid.NewGuid().ToString("N"));
    private bool _running;
    private bool _disposed;

    public int Port { get; private set; }

    /// <summary>The superuser's connection to the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "socket");

    private string LogFile => Path.Combine(_root, "server.log");

    private static bool RunsAsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        try
        {
            Directory.CreateDirectory(SocketDirectory);
            if (RunsAsRoot) await RunAsync("chown", ["-R", $"{ServerUser}:", _root], asServerUser: false);
            await RunAsync(Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                asServerUser: true);
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
                    ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start",
                     "-o", $"-p {Port} -k '{SocketDirectory}' -c listen_addresses=127.0.0.1 -c fsync=on"],
                    asServerUser: true);
                _running = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process may have taken the free port between the probe and the server's bind: try another.
            }
        }
    }

    /// <summary>Creates an empty database and returns the connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            throw new ArgumentException("Use lower-case letters, digits and underscores.", nameof(name));
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ToString();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server user may not be allowed into the test's own working directory.
            WorkingDirectory = Directory.Exists(_root) ? _root : Path.GetTempPath(),
        };
        if (asServerUser && RunsAsRoot)
        {
            start.FileName = "su";
            var command = string.Join(' ', arguments.Prepend(program).Select(ShellQuote));
            foreach (var argument in new[] { "-s", "/bin/sh", ServerUser, "-c", command }) start.ArgumentList.Add(argument);
        }
        else
        {
            start.FileName = program;
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {ToolTimeout}.{Describe(await output, await errors)}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}.{Describe(await output, await errors)}");
        }
    }

    private string Describe(string output, string errors)
    {
        var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
        return $"\nstdout:\n{output}\nstderr:\n{errors}\nserver log:\n{log}";
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (_running) await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], asServerUser: true);
        }
        finally
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
    }
}
