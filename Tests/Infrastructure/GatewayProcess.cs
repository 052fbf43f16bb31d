using System.Diagnostics;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// The built gateway run as a real operating-system process (all-in-one mode) on 127.0.0.1, so that a test can kill it
/// the hard way (SIGKILL) and start it again on the same data directory and port.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    public static async Task<GatewayProcess> StartAsync(string dataDirectory, int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(GatewayDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            GatewayDll, "--urls", $"http://127.0.0.1:{port}", $"--Chat:DataDirectory={dataDirectory}",
            $"--Orleans:SiloPort={FreePort.Next()}", $"--Orleans:GatewayPort={FreePort.Next()}",
            "--Chat:Rooms:SendBurst=100000",
        })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info)!;
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => gateway.Record(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitForHealthAsync();
        return gateway;
    }

    /// <summary>The gateway's own build output, next to this test assembly's configuration.</summary>
    private static string GatewayDll
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrleansChat.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("The repository root was not found.");
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(dir.FullName, "WebGateway", "bin", configuration, "net10.0", "OrleansChat.WebGateway.dll");
        }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (line.Contains("Application started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    /// <summary>Waits for the host's "Application started" log line (or the process's exit), then checks /health.</summary>
    private async Task WaitForHealthAsync()
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_started.Task, exited).WaitAsync(TimeSpan.FromSeconds(60));
        if (first == exited) throw new InvalidOperationException($"The gateway exited during start-up:\n{Output}");
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync("/health");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
