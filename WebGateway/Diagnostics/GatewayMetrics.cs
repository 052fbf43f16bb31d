using System.Diagnostics.Metrics;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.WebGateway.Diagnostics;

/// <summary>The gateway's metrics (meter <c>OrleansChat</c>, like the silo's): connections, messages in and out, fan-out latency.</summary>
public static class GatewayMetrics
{
    private static readonly Meter Meter = new(ChatMetrics.MeterName);

    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>(
        "chat.gateway.connections", "{connection}", "Open SignalR connections on this gateway.");

    /// <summary>Messages acknowledged to senders on this gateway (messages in).</summary>
    public static readonly Counter<long> MessagesReceived = Meter.CreateCounter<long>(
        "chat.gateway.messages.received", "{message}", "Messages sent by this gateway's clients and acknowledged.");

    /// <summary>Events handed to SignalR for this gateway's clients, counted once per room group (messages out).</summary>
    public static readonly Counter<long> EventsPushed = Meter.CreateCounter<long>(
        "chat.gateway.events.pushed", "{event}", "Room events pushed to this gateway's SignalR groups.");

    /// <summary>From the room stamping an event (before its commit) to this gateway handing it to SignalR.</summary>
    public static readonly Histogram<double> FanOutLatency = Meter.CreateHistogram<double>(
        "chat.gateway.fanout.latency", "ms", "Time from an event's creation in its room to its push by this gateway.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] });
}
