using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>
/// The chat's own metrics on the silo side (meter <c>OrleansChat</c>), exported by the hosts through OpenTelemetry
/// (<c>/metrics</c>, Prometheus). docs/operations.md says what to watch.
/// </summary>
public static class ChatMetrics
{
    public const string MeterName = "OrleansChat";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Messages durably appended by rooms (messages in, at the grains).</summary>
    public static readonly Counter<long> MessagesStored = Meter.CreateCounter<long>(
        "chat.room.messages", "{message}", "Messages durably stored by rooms.");

    /// <summary>Observer calls made by rooms: one per subscribed gateway per batch of events.</summary>
    public static readonly Counter<long> Notifications = Meter.CreateCounter<long>(
        "chat.room.notifications", "{call}", "Notifications sent by rooms to gateways (one per gateway per batch).");

    /// <summary>Group commits of the event store, by store and outcome.</summary>
    public static readonly Counter<long> Commits = Meter.CreateCounter<long>(
        "chat.storage.commits", "{commit}", "Group commits of the room event store.");

    /// <summary>Events per group commit: how well commits are shared.</summary>
    public static readonly Histogram<int> CommitEvents = Meter.CreateHistogram<int>(
        "chat.storage.commit.events", "{event}", "Events written per group commit.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });

    /// <summary>Time of one group commit, from its first write to its durable commit.</summary>
    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "chat.storage.commit.duration", "ms", "Duration of a group commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });
}
