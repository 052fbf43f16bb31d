namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// One connection's sends, pipelined without reordering. A connection runs several hub invocations at once
/// (<see cref="ChatLimits.MaxParallelInvocations"/>), so a sender need not wait for one message's commit before the
/// next is taken; per room one grain call is in flight at a time, and the sends that arrive meanwhile go together in
/// the next <see cref="IRoomGrain.PostMany"/> call, in the order they arrived. SignalR starts a connection's
/// invocations in the order it receives them, so that order is the sender's.
/// </summary>
public sealed class SendLanes(IGrainFactory grains, Guid userId)
{
    private readonly Dictionary<string, Lane> _lanes = [];

    public Task<PostResult> SendAsync(string roomId, string clientMsgId, string text, long? replyTo = null)
    {
        Lane? lane;
        lock (_lanes)
        {
            if (_lanes.TryGetValue(roomId, out lane))
            {
                // A call to this room is in flight: wait for the next batch.
                var send = new QueuedSend(new PostRequest(clientMsgId, text, replyTo));
                lane.Waiting.Add(send);
                return send.Result;
            }
            _lanes[roomId] = lane = new Lane(roomId);
        }
        return PostFirstAsync(lane, new PostRequest(clientMsgId, text, replyTo));
    }

    // The common case, a send to a room with nothing in flight: the invocation makes the grain call itself (no queue,
    // no extra hop), then hands what arrived meanwhile to a loop of its own and returns its acknowledgement.
    private async Task<PostResult> PostFirstAsync(Lane lane, PostRequest request)
    {
        try
        {
            return await PostOneAsync(grains.GetGrain<IRoomGrain>(lane.RoomId), request);
        }
        finally
        {
            _ = RunAsync(lane);
        }
    }

    private async Task RunAsync(Lane lane)
    {
        var room = grains.GetGrain<IRoomGrain>(lane.RoomId);
        while (true)
        {
            QueuedSend[] batch;
            lock (_lanes)
            {
                if (lane.Waiting.Count == 0)
                {
                    _lanes.Remove(lane.RoomId);
                    return;
                }
                batch = lane.Waiting.Take(ChatLimits.MaxPostsPerBatch).ToArray();
                lane.Waiting.RemoveRange(0, batch.Length);
            }
            await PostAsync(room, batch);
        }
    }

    private async Task PostAsync(IRoomGrain room, QueuedSend[] batch)
    {
        try
        {
            if (batch.Length == 1)
            {
                batch[0].Complete(await PostOneAsync(room, batch[0].Request));
                return;
            }
            var outcomes = await room.PostMany(userId, Array.ConvertAll(batch, s => s.Request));
            for (var i = 0; i < batch.Length; i++)
            {
                if (outcomes[i].Result is { } result) batch[i].Complete(result);
                else batch[i].Fail(new ChatException(outcomes[i].Error ?? "The message was not stored."));
            }
        }
        catch (Exception ex)
        {
            // The room refused them all (not a member, say) or the call failed: every sender hears it.
            foreach (var send in batch) send.Fail(ex);
        }
    }

    private Task<PostResult> PostOneAsync(IRoomGrain room, PostRequest request) => request.ReplyTo is { } replyTo
        ? room.Reply(userId, request.ClientMsgId, replyTo, request.Text)
        : room.Post(userId, request.ClientMsgId, request.Text);

    /// <summary>A room with a call in flight (present in the dictionary exactly as long as one is) and what waits.</summary>
    private sealed class Lane(string roomId)
    {
        public string RoomId { get; } = roomId;

        public List<QueuedSend> Waiting { get; } = [];
    }

    private sealed class QueuedSend(PostRequest request)
    {
        private readonly TaskCompletionSource<PostResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PostRequest Request { get; } = request;

        public Task<PostResult> Result => _completion.Task;

        public void Complete(PostResult result) => _completion.TrySetResult(result);

        public void Fail(Exception error) => _completion.TrySetException(error);
    }
}
