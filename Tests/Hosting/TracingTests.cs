using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OpenTelemetry.Trace;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Hosting;

/// <summary>
/// Distributed traces: with tracing on, one message is one trace from the hub (<c>chat.send</c>) through the room
/// grain's call (Orleans' activity propagation) to the store (<c>chat.store.append</c>) and the room's notification of
/// the gateway's observer, and the group commit that
/// served it is a span of its own that links to that append. The spans are taken from the host's own OpenTelemetry
/// pipeline with an in-memory exporter, so the test also proves which sources the host records.
/// </summary>
public sealed class TracingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Send_WithTracingOn_IsOneTraceFromTheHubThroughTheRoomGrainToTheStore_AndTheCommitLinksToIt()
    {
        var spans = new SpanList();
        using var data = new TempDirectory();
        await using var host = new GatewayHost(
            data.Path,
            new Dictionary<string, string> { ["Chat:Telemetry:Tracing"] = "true" },
            services: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var session = await host.NewSessionAsync();
        await using var connection = await host.ConnectAsync(session.Token);
        var room = (await connection.InvokeAsync<JoinResult>("CreateRoom", $"Traced {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        var clientMsgId = "traced-" + Guid.NewGuid().ToString("N");
        await connection.InvokeAsync<PostResult>("Send", room, clientMsgId, "follow me");

        // The commit's span ends just after the send is acknowledged: wait for it.
        var send = await spans.WaitFor(all => all.FirstOrDefault(s => s.OperationName == "chat.send" && (string?)s.GetTagItem("chat.client_msg_id") == clientMsgId), "the send's span");
        var trace = send.TraceId;
        var append = await spans.WaitFor(all => all.FirstOrDefault(s => s.OperationName == "chat.store.append" && s.TraceId == trace), "the store append's span in the send's trace");
        var commit = await spans.WaitFor(all => all.FirstOrDefault(s => s.OperationName == "chat.store.commit" && s.Links.Any(l => l.Context.SpanId == append.SpanId)), "the commit's span linking to the append");

        var inTrace = spans.Snapshot().Where(s => s.TraceId == trace).ToList();
        foreach (var span in inTrace) output.WriteLine($"{span.Source.Name} {span.Kind} {span.DisplayName} {span.SpanId} <- {span.ParentSpanId}");
        output.WriteLine($"commit {commit.SpanId} (trace {commit.TraceId}) links {string.Join(", ", commit.Links.Select(l => l.Context.SpanId))}");

        // The room grain's side of the call is in the trace: Orleans' server span of IRoomGrain/Post.
        var grainCall = inTrace.Single(s => ChatTracing.OrleansSources.Contains(s.Source.Name) && s.Kind == ActivityKind.Server && s.DisplayName == "IRoomGrain/Post");
        // So is the room's notification of the gateway's observer that pushes the message to the room's members.
        Assert.Contains(inTrace, s => s.DisplayName == "IRoomObserver/OnEvents" && Ancestors(s, inTrace).Contains(grainCall.SpanId));
        // The append descends from the grain call, which descends from the send: one chain, gateway → grain → store.
        Assert.Contains(grainCall.SpanId, Ancestors(append, inTrace));
        Assert.Contains(send.SpanId, Ancestors(grainCall, inTrace));
        // The commit is not a child of this one send (it serves many): it is its own trace, linked both ways.
        Assert.NotEqual(trace, commit.TraceId);
        Assert.Contains(append.Links, l => l.Context.SpanId == commit.SpanId);
        Assert.Equal(ChatTracing.SourceName, commit.Source.Name);
    }

    [Fact]
    public async Task JsonLogsWithScopes_CarryTheTraceIdOfTheRequestThatWroteThem()
    {
        // The settings scripts/cluster.sh uses (the trace id is a logging scope; the JSON formatter writes scopes only
        // when asked to).
        using var data = new TempDirectory();
        await using var gateway = await ChatProcess.StartAllInOneAsync(data.Path, extra: new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        // A caller that is itself traced (a proxy, a browser with tracing) sends its trace context; the gateway continues it.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { token = (string?)null }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();

        bool Logged(string l) => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/api/session", StringComparison.Ordinal);
        await Wait.For(gateway.WaitForLine(Logged), "the request to be logged");
        var line = gateway.Output.Split('\n').First(Logged);
        output.WriteLine(line);
        var scopes = JsonDocument.Parse(line).RootElement.GetProperty("Scopes").EnumerateArray();
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
    }

    private static List<ActivitySpanId> Ancestors(Activity span, List<Activity> trace)
    {
        var ancestors = new List<ActivitySpanId>();
        var bySpan = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; bySpan.TryGetValue(parent, out var next); parent = next.ParentSpanId) ancestors.Add(parent);
        return ancestors;
    }

    /// <summary>The exporter's collection: spans end on many threads at once.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        private readonly Lock _lock = new();

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock) base.InsertItem(index, item);
        }

        public List<Activity> Snapshot()
        {
            lock (_lock) return [.. Items];
        }

        /// <summary>Looks at the exported spans every 50 ms until <paramref name="find"/> finds one.</summary>
        public async Task<Activity> WaitFor(Func<List<Activity>, Activity?> find, string what)
        {
            var watch = Stopwatch.StartNew();
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            while (true)
            {
                if (find(Snapshot()) is { } found) return found;
                if (watch.Elapsed > Wait.Timeout) throw new TimeoutException($"Timed out waiting for {what}.");
                await pace.WaitForNextTickAsync();
            }
        }
    }
}
