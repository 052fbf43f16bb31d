namespace OrleansChat.Grains.Rooms;

// Read receipts: the user grains keep the read markers (durably); a room of up to ReceiptsMaxMembers members keeps a
// copy in memory, told by each MarkRead (one-way) and, for members it has not heard of since it activated, asked of
// their user grains once when receipts are first requested. So MarkRead costs the room no write, and a restarted room
// answers right after one round of questions. A member who turned receipts off is neither kept nor shown.
public sealed partial class RoomGrain
{
    private readonly Dictionary<Guid, long> _readUpTo = [];
    private readonly HashSet<Guid> _receiptsOff = [];

    private bool KeepsReceipts => Members.Count <= _options.ReceiptsMaxMembers;

    public Task ReadUpTo(Guid userId, long seq)
    {
        if (!Members.TryGetValue(userId, out var member) || !KeepsReceipts) return Task.CompletedTask;
        if (seq < 0)
        {
            _readUpTo.Remove(userId);
            _receiptsOff.Add(userId);
            return Task.CompletedTask;
        }
        _receiptsOff.Remove(userId);
        seq = Math.Min(seq, _tail.LastSeq);
        if (_readUpTo.TryGetValue(userId, out var known) && known >= seq) return Task.CompletedTask;
        _readUpTo[userId] = seq;
        NotifyReceipt(new ReadReceipt(userId, seq));
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ReadReceipt>> GetReceipts(Guid userId)
    {
        EnsureMember(userId);
        if (!KeepsReceipts)
            throw new ChatException($"Read receipts are shown in rooms of at most {_options.ReceiptsMaxMembers} members.");
        var unknown = Members.Keys.Where(m => !_readUpTo.ContainsKey(m) && !_receiptsOff.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            var markers = await Task.WhenAll(unknown.Select(async member =>
            {
                try
                {
                    return (member, Seq: await GrainFactory.GetGrain<IUserGrain>(member).GetReadMarker(RoomId));
                }
                catch (Exception)
                {
                    return (member, Seq: (long?)null); // asked again next time
                }
            }));
            foreach (var (member, seq) in markers)
            {
                if (seq is not { } marker) continue;
                if (marker < 0) _receiptsOff.Add(member);
                else _readUpTo[member] = Math.Max(_readUpTo.GetValueOrDefault(member), Math.Min(marker, _tail.LastSeq));
            }
        }
        return Members.Keys
            .Where(m => _readUpTo.ContainsKey(m) && !_receiptsOff.Contains(m))
            .Select(m => new ReadReceipt(m, _readUpTo[m]))
            .ToList();
    }
}
