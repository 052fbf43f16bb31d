using System.Diagnostics;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A built OrleansChat program (the standalone silo or the gateway) run as a real operating-system process on
/// 127.0.0.1, configured by command-line settings, so that a test can kill it hard (SIGKILL) or ask it to stop
/// (SIGTERM). Its output is kept; a test can await a line. Killed on dispose.
/// </summary>
public sealed class ChatProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<DateTimeOffset> Seen)> _waiters = [];

    private ChatProcess(string name, Process process, Uri httpAddress)
    {
        Name = name;
        _process = process;
        HttpAddress = httpAddress;
    }

    public string Name { get; }

    /// <summary>The gateway's URL, or the silo's health and metrics endpoint.</summary>
    public Uri HttpAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    /// <summary>Starts <c>OrleansChat.Silo</c> and waits for "Application started" (the silo has joined its cluster).</summary>
    public static Task<ChatProcess> StartSiloAsync(string name, IReadOnlyDictionary<string, string> settings) =>
        StartAsync(name, ProgramDll("Silo", "OrleansChat.Silo.dll"), settings);

    /// <summary>
    /// Starts <c>OrleansChat.WebGateway</c> and waits for "Application started" (its Orleans client is connected, or
    /// in all-in-one mode its silo is up). A restart test passes the <paramref name="port"/> of the process it replaces.
    /// </summary>
    public static Task<ChatProcess> StartGatewayAsync(string name, IReadOnlyDictionary<string, string> settings, int? port = null) =>
        StartAsync(name, ProgramDll("WebGateway", "OrleansChat.WebGateway.dll"), settings, port);

    /// <summary>
    /// Starts <c>OrleansChat.Proxy</c> (YARP) in front of <paramref name="gateways"/>, configured as scripts/cluster.sh
    /// does it (destinations <c>gateway1</c>, <c>gateway2</c> ...), and waits for "Application started".
    /// </summary>
    public static Task<ChatProcess> StartProxyAsync(IReadOnlyList<Uri> gateways, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>();
        for (var j = 0; j < gateways.Count; j++) settings[$"ReverseProxy:Clusters:gateways:Destinations:gateway{j + 1}:Address"] = gateways[j].ToString();
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return StartAsync("proxy", ProgramDll("Proxy", "OrleansChat.Proxy.dll"), settings);
    }

    /// <summary>
    /// The all-in-one gateway (co-hosted silo, SQLite) on <paramref name="dataDirectory"/>, with Orleans ports of its own
    /// and send limits out of the way (its tests send faster than they allow; the limits have tests of their own). A
    /// restart test passes the <paramref name="port"/> of the process it replaces.
    /// </summary>
    public static Task<ChatProcess> StartAllInOneAsync(string dataDirectory, int? port = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Chat:DataDirectory"] = dataDirectory,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Chat:Rooms:SendBurst"] = "100000",
            ["Chat:Users:SendBurst"] = "100000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return StartGatewayAsync("all-in-one", settings, port);
    }

    private static async Task<ChatProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> settings, int? httpPort = null)
    {
        // A port found free can be taken (by an outgoing connection's ephemeral port, say) before the process binds it:
        // a chosen HTTP port is chosen again then. Ports given by the caller are the caller's to retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(name, dll, settings, httpPort);
            }
            catch (InvalidOperationException ex) when (httpPort is null && attempt < 3 && IsPortTaken(ex))
            {
                // Another attempt, with other ports.
            }
        }
    }

    /// <summary>True when a process could not start because a port it was given was taken meanwhile.</summary>
    public static bool IsPortTaken(Exception ex) => ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static async Task<ChatProcess> StartOnceAsync(string name, string dll, IReadOnlyDictionary<string, string> settings, int? httpPort)
    {
        var port = httpPort ?? FreePort.Next();
        var info = Dotnet(dll);
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return await LaunchAsync(name, info, new Uri($"http://127.0.0.1:{port}"), "Application started");
    }

    /// <summary>
    /// Runs the Aspire AppHost (AppHost/) as a developer does with <c>dotnet run --project AppHost</c>: the dashboard on
    /// <paramref name="dashboard"/>, the cluster's ports from <paramref name="portBase"/>, its database in
    /// <paramref name="dataDirectory"/>. Waits for "Distributed application started" (the resources are then starting).
    /// </summary>
    public static Task<ChatProcess> StartAppHostAsync(Uri dashboard, int otlpPort, int portBase, string dataDirectory)
    {
        var dll = ProgramDll("AppHost", "OrleansChat.AppHost.dll");
        var info = Dotnet(dll);
        info.ArgumentList.Add($"--OrleansChat:PortBase={portBase}");
        info.ArgumentList.Add($"--OrleansChat:DataDirectory={dataDirectory}");
        // What AppHost/Properties/launchSettings.json sets for `dotnet run`.
        info.Environment["ASPNETCORE_URLS"] = dashboard.ToString();
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpPort}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        return LaunchAsync("apphost", info, dashboard, "Distributed application started");
    }

    private static async Task<ChatProcess> LaunchAsync(string name, ProcessStartInfo info, Uri httpAddress, string startedLine)
    {
        var process = Process.Start(info)!;
        var chat = new ChatProcess(name, process, httpAddress);
        process.OutputDataReceived += (_, e) => chat.Record(e.Data);
        process.ErrorDataReceived += (_, e) => chat.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = chat.WaitForLine(line => line.Contains(startedLine, StringComparison.Ordinal));
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(started, exited).WaitAsync(TimeSpan.FromSeconds(90));
            if (first == exited) throw new InvalidOperationException($"{chat.Name} exited during start-up:\n{chat.Output}");
        }
        catch
        {
            await chat.DisposeAsync();
            throw;
        }
        return chat;
    }

    /// <summary>Runs the built gateway with <paramref name="args"/> (a command such as <c>backup FILE</c>) to its exit.</summary>
    public static async Task<(int ExitCode, string Output)> RunGatewayCommandAsync(params string[] args)
    {
        var dll = ProgramDll("WebGateway", "OrleansChat.WebGateway.dll");
        var info = Dotnet(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return await Repository.RunToExitAsync(info, TimeSpan.FromSeconds(60));
    }

    /// <summary><c>dotnet DLL</c> from the program's own directory, its output redirected.</summary>
    private static ProcessStartInfo Dotnet(string dll)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        return info;
    }

    private static string ProgramDll(string project, string dll)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(Repository.Root, project, "bin", configuration, "net10.0", dll);
    }

    /// <summary>Completes with the time a line matching <paramref name="match"/> is written (counting lines written before).</summary>
    public Task<DateTimeOffset> WaitForLine(Func<string, bool> match, bool includeEarlier = true)
    {
        var seen = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (includeEarlier && _output.Any(match)) seen.TrySetResult(DateTimeOffset.UtcNow);
            else _waiters.Add((match, seen));
        }
        return seen.Task;
    }

    private void Record(string? line)
    {
        if (line is null) return;
        List<TaskCompletionSource<DateTimeOffset>> matched = [];
        lock (_output)
        {
            _output.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line)) continue;
                matched.Add(_waiters[i].Seen);
                _waiters.RemoveAt(i);
            }
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var seen in matched) seen.TrySetResult(now);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed, sockets are reset.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the exit; returns how long the graceful stop took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await signal.WaitForExitAsync();
            if (signal.ExitCode != 0) throw new InvalidOperationException($"Could not signal {Name}.");
        }
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
