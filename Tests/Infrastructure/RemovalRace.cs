using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// The race that once leaked a private room: a user is kicked or banned while new tabs of theirs connect on several
/// gateways and they keep their own account busy (logins, room lists), so the tabs read a room list that still has the
/// room. Each trial then sends a message, a typing notice and a rename into the room, and checks that none of the
/// removed user's tabs got any of them. Returns a line per leak (empty: none).
/// </summary>
public static class RemovalRace
{
    private const int TabsPerTrial = 6;
    private const int BusyCalls = 40;

    public static async Task<List<string>> RunAsync(IReadOnlyList<Uri> gateways, int trials)
    {
        Uri Gateway(int i) => gateways[i % gateways.Count];
        var ownerSession = await ChatEndpoints.NewSessionAsync(gateways[0]);
        var owners = new List<ChatClient>();
        foreach (var gateway in gateways) owners.Add(await ChatClient.ConnectAsync(gateway, ownerSession));
        var leaks = new List<string>();
        try
        {
            for (var trial = 0; trial < trials; trial++)
            {
                var victimSession = await ChatEndpoints.NewSessionAsync(Gateway(trial));
                await using var victim = await ChatClient.ConnectAsync(Gateway(trial), victimSession);
                var room = (await owners[0].Connection.InvokeAsync<JoinResult>("CreatePrivateRoom", $"Race {trial}")).Room.Id;
                await owners[0].Connection.InvokeAsync<MemberInfo>("Invite", room, victim.UserId);
                await victim.WaitUntil(c => c.WasAdded(room), $"the invitation of trial {trial} to reach the victim");

                var busy = Enumerable.Range(0, BusyCalls)
                    .Select(i => i % 2 == 0
                        ? ChatEndpoints.NewSessionAsync(Gateway(i), victimSession.Token)
                        : (Task)victim.Connection.InvokeAsync<RoomListing[]>("MyRooms"))
                    .ToList();
                var connecting = Enumerable.Range(0, TabsPerTrial).Select(i => ChatClient.ConnectAsync(Gateway(i), victimSession)).ToList();
                var remover = owners[trial % owners.Count];
                var removal = trial % 2 == 0
                    ? remover.Connection.InvokeAsync("Kick", room, victim.UserId)
                    : remover.Connection.InvokeAsync("Ban", room, victim.UserId);
                var tabs = await Task.WhenAll(connecting);
                try
                {
                    await removal;
                    await Task.WhenAll(busy);
                    var secret = $"secret after removal {trial}";
                    var last = await owners[0].SendAsync(room, secret);
                    await owners[^1].Connection.InvokeAsync("Typing", room);
                    await owners[0].Connection.InvokeAsync<RoomSummary>("UpdateRoom", room, $"Race {trial} renamed", null, null);
                    // Each gateway pushes a room's notifications in order: once every owner tab has the rename, every tab
                    // on every gateway has had its chance to receive the secret.
                    foreach (var owner in owners)
                    {
                        await owner.WaitUntil(c => c.RoomChanges(room).Any(r => r.Name.EndsWith("renamed", StringComparison.Ordinal)),
                            $"the rename of trial {trial} to reach the owner");
                        if (!owner.Received(room).Any(e => e.Seq == last.Seq)) leaks.Add($"trial {trial}: an owner tab missed the message");
                    }
                    foreach (var tab in tabs.Append(victim))
                    {
                        if (tab.Received(room).Any(e => e.Text == secret) || tab.RoomChanges(room).Count > 0 || tab.Typing(room).Count > 0)
                        {
                            leaks.Add($"trial {trial}: a tab of the removed user received the room after the removal");
                        }
                    }
                }
                finally
                {
                    foreach (var tab in tabs) await tab.DisposeAsync();
                }
            }
        }
        finally
        {
            foreach (var owner in owners) await owner.DisposeAsync();
        }
        return leaks;
    }
}
