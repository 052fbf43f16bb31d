namespace OrleansChat.WebGateway.Hubs;

/// <summary>
/// One connection's sends, pipelined without reordering. A connection runs several hub invocations at once
/// (<see cref="ChatLimits.MaxParallelInvocations"/>), so a sender need not wait for one message's commit before the
/// next is taken; per room one <see cref="IRoomGrain.Post"/> call is in flight at a time, and the sends that arrive
/// meanwhile become the next call, in the order they arrived. SignalR starts a connection's invocations in the order it
/// receives them, so that order is the sender's. What waits is the next grain call (its requests and, once made, its
/// outcomes), in the room's own shape, rather than one pending item per send.
/// </summary>
public sealed class SendLanes(RoomReferences rooms, Guid userId)
{
    private readonly Dictionary<string, Lane> _lanes = [];

    public Task<PostResult> SendAsync(string roomId, PostRequest request)
    {
        Lane? lane;
        lock (_lanes)
        {
            if (_lanes.TryGetValue(roomId, out lane))
            {
                // A call to this room is in flight: ride in the next one.
                var call = lane.Open();
                call.Requests.Add(request);
                return AcknowledgedAsync(call.Outcomes.Task, call.Requests.Count - 1);
            }
            _lanes[roomId] = lane = new Lane(roomId);
        }
        return PostFirstAsync(lane, request);
    }

    // The common case, a send to a room with nothing in flight: the invocation makes the grain call itself (no queue,
    // no extra hop), then hands what arrived meanwhile to a loop of its own and returns its acknowledgement.
    private async Task<PostResult> PostFirstAsync(Lane lane, PostRequest request)
    {
        try
        {
            return (await rooms.Room(lane.RoomId).Post(userId, [request]))[0].Acknowledged();
        }
        finally
        {
            _ = RunAsync(lane);
        }
    }

    private async Task RunAsync(Lane lane)
    {
        var room = rooms.Room(lane.RoomId);
        while (true)
        {
            NextCall? call;
            lock (_lanes)
            {
                call = lane.Take();
                if (call is null)
                {
                    _lanes.Remove(lane.RoomId);
                    return;
                }
            }
            try
            {
                call.Outcomes.SetResult(await room.Post(userId, [.. call.Requests]));
            }
            catch (Exception ex)
            {
                // The room refused them all (not a member, say) or the call failed: every sender hears it.
                call.Outcomes.SetException(ex);
            }
        }
    }

    private static async Task<PostResult> AcknowledgedAsync(Task<PostOutcome[]> call, int index) => (await call)[index].Acknowledged();

    /// <summary>A room with a call in flight (present in the dictionary exactly as long as one is) and the calls to come.</summary>
    private sealed class Lane(string roomId)
    {
        private readonly List<NextCall> _next = [];

        public string RoomId { get; } = roomId;

        /// <summary>The call a new send joins: the last one waiting, or a new one when it is full.</summary>
        public NextCall Open()
        {
            if (_next.Count == 0 || _next[^1].Requests.Count == ChatLimits.MaxPostsPerBatch) _next.Add(new NextCall());
            return _next[^1];
        }

        /// <summary>The next call to make, taken out so that no send joins it any more; null when none waits.</summary>
        public NextCall? Take()
        {
            if (_next.Count == 0) return null;
            var call = _next[0];
            _next.RemoveAt(0);
            return call;
        }
    }

    /// <summary>A grain call to be made: the requests, in arrival order, and the call's outcomes once it was made.</summary>
    private sealed class NextCall
    {
        public List<PostRequest> Requests { get; } = [];

        public TaskCompletionSource<PostOutcome[]> Outcomes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
