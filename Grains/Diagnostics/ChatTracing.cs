using System.Diagnostics;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>
/// The chat's own spans (activity source <c>OrleansChat</c>): the hub taking a send, a room's events waiting for their
/// commit, and the group commit itself. Orleans' activity propagation carries the trace from the gateway into the grain;
/// these spans name the steps of ours. Without a listener (tracing off) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and nothing is recorded. docs/operations.md, "Traces".
/// </summary>
public static class ChatTracing
{
    public const string SourceName = "OrleansChat";

    /// <summary>Orleans' own sources: grain calls (client and server side) and runtime work.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    public static readonly ActivitySource Source = new(SourceName);
}
