using Microsoft.Extensions.Time.Testing;
using OrleansChat.WebGateway.Presence;

namespace OrleansChat.Tests.Presence;

/// <summary>The gateway puts a room's pushes back in order, drops replays, and never holds a gap for long.</summary>
public sealed class PushOrderTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();
    private readonly PushOrder _order;
    private readonly List<(long[] Seqs, Guid[] Recipients)> _delivered = [];
    private readonly Guid[] _everyone = [Guid.NewGuid()];
    private readonly SemaphoreSlim _deliveries = new(0);

    public PushOrderTests() => _order = new PushOrder(_time, Hold);

    private Task Push(params long[] seqs) => _order.AcceptAsync("r", [.. seqs.Select(Event)], _everyone, Record);

    private Task Record(string roomId, RoomEvent[] events, Guid[] recipients)
    {
        lock (_delivered) _delivered.Add(([.. events.Select(e => e.Seq)], recipients));
        _deliveries.Release();
        return Task.CompletedTask;
    }

    private long[] DeliveredSeqs()
    {
        lock (_delivered) return [.. _delivered.SelectMany(d => d.Seqs)];
    }

    private static RoomEvent Event(long seq) =>
        new(seq, RoomEventKinds.Message, Guid.Empty, "A", $"c{seq}", $"m{seq}", null, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task EventsAfterAGap_WaitForTheMissingOnes_ThenGoOutInOrder()
    {
        await Push(1, 2);
        await Push(5);
        await Push(3);
        Assert.Equal([1, 2, 3], DeliveredSeqs());

        await Push(4);

        Assert.Equal([1, 2, 3, 4, 5], DeliveredSeqs());
        Assert.Equal(5, _order.Delivered("r"));
    }

    [Fact]
    public async Task AReplayOfDeliveredEvents_IsDropped()
    {
        await Push(1, 2, 3);
        await Push(2, 3, 4);

        Assert.Equal([1, 2, 3, 4], DeliveredSeqs());
    }

    [Fact]
    public async Task AGapThatDoesNotFill_IsDeliveredPastAfterTheHold()
    {
        await Push(1);
        await Push(3, 4);
        _time.Advance(Hold - TimeSpan.FromMilliseconds(1));
        Assert.Equal([1], DeliveredSeqs());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        // The release runs from the fake clock's timer: await its delivery (bounded), never a fixed sleep.
        while (DeliveredSeqs().Length < 3) Assert.True(await _deliveries.WaitAsync(TimeSpan.FromSeconds(5)), "the held events to be released");

        Assert.Equal([1, 3, 4], DeliveredSeqs());
        await Push(2);
        Assert.Equal([1, 3, 4], DeliveredSeqs());
    }

    [Fact]
    public async Task TheFirstPushOfARoom_IsDeliveredWhateverItsSeq()
    {
        await Push(1000, 1001);

        Assert.Equal([1000, 1001], DeliveredSeqs());
    }

    [Fact]
    public async Task HeldEvents_KeepTheRecipientsTheyWerePushedTo()
    {
        await Push(1);
        var later = new[] { Guid.NewGuid() };
        await _order.AcceptAsync("r", [Event(3)], later, Record);
        await Push(2);

        Assert.Equal([(1L, _everyone[0]), (2L, _everyone[0]), (3L, later[0])], _delivered.Select(d => (d.Seqs.Single(), d.Recipients.Single())));
    }
}
