using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Rooms;

[Collection(ClusterCollection.Name)]
public sealed class PostingTests(ChatCluster chat)
{
    [Fact]
    public async Task Post_ByMember_IsAcknowledgedWithConsecutiveSequenceNumbers()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));

        var first = await room.Post(user.UserId, "m1", "hello");
        var second = await room.Post(user.UserId, "m2", "world");

        Assert.Equal(1, first.Seq);
        Assert.Equal(2, second.Seq);
        Assert.False(first.Duplicate);
        var page = await room.GetEventsAfter(user.UserId, 0, 10);
        Assert.Equal(["hello", "world"], page.Events.Select(e => e.Text));
        Assert.All(page.Events, e => Assert.Equal(user.Name, e.AuthorName));
        Assert.Equal(2, page.LastSeq);
    }

    [Fact]
    public async Task Post_ConcurrentSenders_GetUniqueGapFreeSequenceNumbersInHistoryOrder()
    {
        var owner = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(owner.UserId);
        var room = chat.Room(roomId);
        var senders = new List<UserProfile>();
        for (var i = 0; i < 8; i++)
        {
            var u = await chat.NewUserAsync();
            await chat.User(u.UserId).JoinRoom(roomId);
            senders.Add(u);
        }

        // The joins are the first events (system lines); the messages follow them without a gap.
        var joins = await room.GetEventsAfter(owner.UserId, 0, 500);
        Assert.Equal(Enumerable.Range(1, senders.Count).Select(i => (long)i), joins.Events.Select(e => e.Seq));
        Assert.All(joins.Events, e => Assert.Equal(RoomEventKinds.Member, e.Kind));

        var posts = senders.SelectMany(u => Enumerable.Range(0, 40).Select(i => (u, i))).ToList();
        var acks = await Task.WhenAll(posts.Select(p => room.Post(p.u.UserId, $"c{p.i}", $"{p.u.UserId}:{p.i}")));

        var seqs = acks.Select(a => a.Seq).Order().ToList();
        Assert.Equal(Enumerable.Range((int)joins.LastSeq + 1, posts.Count).Select(i => (long)i), seqs);
        var history = await room.GetEventsAfter(owner.UserId, joins.LastSeq, 500);
        Assert.Equal(seqs, history.Events.Select(e => e.Seq));
        // Each ack names the event that carries that sender's text.
        var bySeq = history.Events.ToDictionary(e => e.Seq);
        for (var i = 0; i < posts.Count; i++)
        {
            Assert.Equal($"{posts[i].u.UserId}:{posts[i].i}", bySeq[acks[i].Seq].Text);
        }
    }

    [Fact]
    public async Task Post_OfSeveral_StoresThemInTheGivenOrder_AndRefusesOnlyTheBadMessage()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));
        await room.Post(user.UserId, "before", "zero");

        var outcomes = await room.Post(user.UserId,
        [
            new PostRequest("p1", "one"),
            new PostRequest("p2", "   "),
            new PostRequest("p3", "three"),
            new PostRequest("before", "zero"),
            new PostRequest("p1", "one"),
        ]);

        Assert.Equal([2L, 3L], [outcomes[0].Result!.Seq, outcomes[2].Result!.Seq]);
        Assert.Null(outcomes[1].Result);
        Assert.NotNull(outcomes[1].Error);
        Assert.Equal(1, outcomes[3].Result!.Seq);
        Assert.True(outcomes[3].Result!.Duplicate);
        Assert.Equal(2, outcomes[4].Result!.Seq);
        Assert.True(outcomes[4].Result!.Duplicate);
        var history = await room.GetEventsAfter(user.UserId, 0, 10);
        Assert.Equal(["zero", "one", "three"], history.Events.Select(e => e.Text));
    }

    [Fact]
    public async Task Post_ByANonMember_IsRefusedWhole()
    {
        var owner = await chat.NewUserAsync();
        var stranger = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(owner.UserId));

        await Assert.ThrowsAsync<ChatException>(() => room.Post(stranger.UserId, [new PostRequest("s1", "hi")]));
        Assert.Empty((await room.GetEventsAfter(owner.UserId, 0, 10)).Events);
    }

    [Fact]
    public async Task Post_RetryWithSameClientMsgId_ReturnsOriginalSeqAndStoresOnce()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => room.Post(user.UserId, "same", "once")));
        var later = await room.Post(user.UserId, "same", "once");

        Assert.All(concurrent, a => Assert.Equal(1, a.Seq));
        Assert.Equal(1, later.Seq);
        Assert.True(later.Duplicate);
        Assert.Equal(concurrent[0].At, later.At);
        var history = await room.GetEventsAfter(user.UserId, 0, 10);
        Assert.Single(history.Events);
    }

    [Fact]
    public async Task Post_SameClientMsgIdFromAnotherUser_IsADifferentMessage()
    {
        var a = await chat.NewUserAsync();
        var b = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(a.UserId);
        await chat.User(b.UserId).JoinRoom(roomId);
        var room = chat.Room(roomId);

        var first = await room.Post(a.UserId, "x", "from a");
        var second = await room.Post(b.UserId, "x", "from b");

        // Seq 1 is b's join.
        Assert.Equal(2, first.Seq);
        Assert.Equal(3, second.Seq);
        Assert.False(second.Duplicate);
    }

    [Fact]
    public async Task Post_RetryOlderThanTheInMemoryTail_IsFoundInTheStore()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));
        var first = await room.Post(user.UserId, "old", "first");
        await Task.WhenAll(Enumerable.Range(0, ChatLimits.TailSize + 20).Select(i => room.Post(user.UserId, $"f{i}", "filler")));
        var lastSeq = (await room.GetEventsAfter(user.UserId, 0, 1)).LastSeq;

        var retry = await room.Post(user.UserId, "old", "first");

        Assert.Equal(first.Seq, retry.Seq);
        Assert.True(retry.Duplicate);
        Assert.Equal(lastSeq, (await room.GetEventsAfter(user.UserId, 0, 1)).LastSeq);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0001\u0002")]
    public async Task Post_EmptyText_IsRefused(string text)
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Post(user.UserId, "e", text));

        Assert.Contains("empty", error.Message);
        Assert.Equal(0, (await room.GetEventsAfter(user.UserId, 0, 1)).LastSeq);
    }

    [Fact]
    public async Task Post_TooLongText_IsRefused()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Post(user.UserId, "l", new string('a', ChatLimits.MaxMessageLength + 1)));

        Assert.Contains("at most", error.Message);
    }

    [Fact]
    public async Task Post_ControlCharactersAndLoneSurrogates_AreCleaned()
    {
        var user = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(user.UserId));

        await room.Post(user.UserId, "c", "a\u0000b\r\nc\ud800 😀");

        var stored = (await room.GetEventsAfter(user.UserId, 0, 1)).Events.Single();
        Assert.Equal("ab\nc\uFFFD 😀", stored.Text);
    }

    [Fact]
    public async Task Post_ByNonMember_IsRefused()
    {
        var owner = await chat.NewUserAsync();
        var stranger = await chat.NewUserAsync();
        var room = chat.Room(await chat.NewRoomAsync(owner.UserId));

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Post(stranger.UserId, "s", "hi"));

        Assert.Contains("not a member", error.Message);
        await Assert.ThrowsAsync<ChatException>(() => room.GetEventsAfter(stranger.UserId, 0, 10));
    }

    [Fact]
    public async Task Post_ToRoomThatDoesNotExist_IsRefused()
    {
        var user = await chat.NewUserAsync();

        var error = await Assert.ThrowsAsync<ChatException>(() => chat.Room($"nope-{Guid.NewGuid():N}").Post(user.UserId, "n", "hi"));

        Assert.Contains("no room", error.Message);
    }

    [Fact]
    public async Task Post_NotifiesSubscribedGatewayOnceWithTheEvents()
    {
        var user = await chat.NewUserAsync();
        var roomId = await chat.NewRoomAsync(user.UserId);
        var room = chat.Room(roomId);
        var observer = new RecordingObserver();
        var reference = chat.Client.CreateObjectReference<IRoomObserver>(observer);
        await room.Subscribe("gw-test", reference, [user.UserId], 0, Guid.Empty, GatewayVersion.Next());

        await room.Post(user.UserId, "n1", "one");
        await room.Post(user.UserId, "n2", "two");

        await observer.WaitUntil(o => o.Events(roomId).Count >= 2, "two notified events");
        Assert.Equal([1L, 2L], observer.Events(roomId).Select(e => e.Seq));
        GC.KeepAlive(observer);
    }
}
