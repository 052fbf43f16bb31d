using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Rooms;

/// <summary>The room's in-memory tail: what it answers from memory, and when it says "ask the store" (null).</summary>
public sealed class RoomTailTests
{
    private static readonly Guid Author = Guid.NewGuid();

    private static RoomEvent Event(long seq, Guid? author = null) =>
        new(seq, RoomEventKinds.Message, author ?? Author, "Amber Heron", $"c{seq}", $"m{seq}", null, DateTimeOffset.UnixEpoch);

    private static RoomTail Holding(int capacity, long first, long last)
    {
        var tail = new RoomTail(capacity);
        for (var seq = first; seq <= last; seq++) tail.Add(Event(seq));
        return tail;
    }

    [Fact]
    public void PastItsCapacity_ItForgetsTheOldest_AndTheirClientIds()
    {
        var tail = Holding(capacity: 3, first: 1, last: 5);

        Assert.Equal(3, tail.FirstSeq);
        Assert.Equal(5, tail.LastSeq);
        Assert.Null(tail.FindByClientId(Author, "c2"));
        Assert.Equal(4, tail.FindByClientId(Author, "c4")!.Seq);
        Assert.Null(tail.FindByClientId(Guid.NewGuid(), "c4"));
    }

    [Fact]
    public void After_AnswersFromMemoryOnlyWhenItHoldsTheWholeRange()
    {
        var tail = Holding(capacity: 3, first: 1, last: 5);

        Assert.Equal([3L, 4, 5], tail.After(2, 10)!.Select(e => e.Seq));
        Assert.Equal([4L], tail.After(3, 1)!.Select(e => e.Seq));
        Assert.Empty(tail.After(5, 10)!);
        Assert.Null(tail.After(1, 10));
    }

    [Fact]
    public void Before_AnswersFromMemoryOnlyWhenItHoldsTheWholePage_OrThePageReachesTheRoomsStart()
    {
        var tail = Holding(capacity: 3, first: 1, last: 5);
        Assert.Equal([3L, 4], tail.Before(5, 2)!.Select(e => e.Seq));
        Assert.Null(tail.Before(5, 3));

        var young = Holding(capacity: 10, first: 1, last: 3);
        Assert.Equal([1L, 2, 3], young.Before(4, 50)!.Select(e => e.Seq));
    }

    [Fact]
    public void Reset_ReplacesWhatItHeld_AndAnEmptyTailOfAnOldRoomHoldsNothingBeforeItsEnd()
    {
        var tail = Holding(capacity: 3, first: 1, last: 2);

        tail.Reset([Event(41), Event(42)], 42);
        Assert.Equal(41, tail.FirstSeq);
        Assert.Null(tail.FindByClientId(Author, "c1"));
        Assert.Equal(42, tail.FindByClientId(Author, "c42")!.Seq);

        tail.Reset([], 42);
        Assert.Equal(43, tail.FirstSeq);
        Assert.Empty(tail.After(42, 10)!);
        Assert.Null(tail.After(41, 10));
    }

    [Fact]
    public void AfterARestore_ItContinuesAboveTheFloor_AndPagesBackAcrossTheGap()
    {
        var tail = new RoomTail(capacity: 10);
        tail.Reset([Event(1), Event(2), Event(3)], lastSeq: 1_000);
        Assert.Equal(1_000, tail.LastSeq);
        tail.Add(Event(1_001));
        tail.Add(Event(1_002));

        Assert.Equal([2L, 3, 1_001, 1_002], tail.Before(1_003, 4)!.Select(e => e.Seq));
        Assert.Equal([1L, 2, 3], tail.Before(1_001, 50)!.Select(e => e.Seq));
        Assert.Equal([3L, 1_001, 1_002], tail.After(2, 10)!.Select(e => e.Seq));

        var forgetful = new RoomTail(capacity: 2);
        forgetful.Reset([Event(7), Event(8)], lastSeq: 1_000);
        Assert.Null(forgetful.Before(1_001, 3));
    }
}
