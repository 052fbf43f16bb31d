using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// Live delivery follows the room's membership, also for tabs that connect while their user is being removed, on
/// either of two gateways (docs/architecture.md, "Presence and delivery").
/// </summary>
public sealed class LiveDeliveryRaceTests(TwoGatewaysFixture gateways) : IClassFixture<TwoGatewaysFixture>
{
    private const int Trials = 12;
    private const int TabsPerTrial = 6;
    private const int BusyCalls = 40;

    [Fact]
    public async Task RemovedUser_TabsConnectingDuringTheRemoval_NeverReceiveTheRoomAfterwards()
    {
        var ownerSession = await gateways.First.NewSessionAsync();
        await using var ownerFirst = await ChatClient.ConnectAsync(gateways.First, ownerSession);
        await using var ownerSecond = await ChatClient.ConnectAsync(gateways.Second, ownerSession);
        var leaks = new List<string>();

        for (var trial = 0; trial < Trials; trial++)
        {
            var victimSession = await gateways[trial].NewSessionAsync();
            await using var victim = await ChatClient.ConnectAsync(gateways[trial], victimSession);
            var room = (await ownerFirst.Connection.InvokeAsync<JoinResult>("CreatePrivateRoom", $"Race {trial}")).Room.Id;
            await ownerFirst.Connection.InvokeAsync<MemberInfo>("Invite", room, victim.UserId);
            await victim.WaitUntil(c => c.WasAdded(room), "the invitation to reach the victim");

            // The victim keeps their own account busy (logins, room lists) while new tabs connect on both gateways
            // and the owner removes them: the user's room list is read by the connecting tabs before the removal
            // reaches it.
            var busy = Enumerable.Range(0, BusyCalls)
                .Select(i => i % 2 == 0 ? gateways[i].NewSessionAsync(victimSession.Token) : (Task)victim.Connection.InvokeAsync<RoomListing[]>("MyRooms"))
                .ToList();
            var connecting = Enumerable.Range(0, TabsPerTrial)
                .Select(i => ChatClient.ConnectAsync(gateways[i], victimSession))
                .ToList();
            var removal = trial % 2 == 0
                ? ownerFirst.Connection.InvokeAsync("Kick", room, victim.UserId)
                : ownerSecond.Connection.InvokeAsync("Ban", room, victim.UserId);
            var tabs = await Task.WhenAll(connecting);
            await removal;
            await Task.WhenAll(busy);
            try
            {
                var secret = $"secret after removal {trial}";
                var last = await ownerFirst.SendAsync(room, secret);
                await ownerSecond.Connection.InvokeAsync("Typing", room);
                await ownerFirst.Connection.InvokeAsync<RoomSummary>("UpdateRoom", room, $"Race {trial} renamed", null, null);
                // Each gateway pushes a room's notifications in order: once both owner tabs have the rename, every
                // tab on either gateway has had its chance to receive the secret.
                foreach (var owner in new[] { ownerFirst, ownerSecond })
                {
                    await owner.WaitUntil(c => c.RoomChanges(room).Any(r => r.Name.EndsWith("renamed")), "the rename to reach the owner");
                    Assert.Contains(owner.Received(room), e => e.Seq == last.Seq);
                }
                foreach (var tab in tabs.Append(victim))
                {
                    if (tab.Received(room).Any(e => e.Text == secret) || tab.RoomChanges(room).Count > 0
                        || tab.Typing(room).Count > 0)
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

        Assert.Empty(leaks);
    }
}
