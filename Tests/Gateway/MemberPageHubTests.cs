using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>The hub's <c>Members(roomId, after, limit, filter)</c> and the counts of <c>JoinRoom</c> (issue 16).</summary>
public sealed class MemberPageHubTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Members_AnswersPagesWithCountsAndANextPosition_AFilter_AndClearRefusals()
    {
        await using var owner = await ChatClient.ConnectAsync(gateway.Host);
        await using var second = await ChatClient.ConnectAsync(gateway.Host);
        await using var third = await ChatClient.ConnectAsync(gateway.Host);
        var created = await owner.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Pages {Guid.NewGuid().ToString("N")[..10]}");
        var room = created.Room.Id;
        Assert.Equal(1, created.OnlineCount);
        Assert.Null(created.MembersNext);
        await second.JoinAsync(room);
        var joined = await third.JoinAsync(room);
        Assert.Equal((3, 3, 3), (joined.Room.MemberCount, joined.OnlineCount, joined.Members.Count));
        Assert.All(joined.Members, m => Assert.True(m.Online));

        var first = await owner.Connection.InvokeAsync<MemberPage>("Members", room, null, 2, null);
        var rest = await owner.Connection.InvokeAsync<MemberPage>("Members", room, first.Next, 2, null);
        var named = await owner.Connection.InvokeAsync<MemberPage>("Members", room, null, 10, second.Session.Name.ToUpperInvariant());

        Assert.Equal((2, 3, 3), (first.Members.Count, first.Total, first.Online));
        Assert.NotNull(first.Next);
        Assert.Single(rest.Members);
        Assert.Null(rest.Next);
        Assert.Equal(3, first.Members.Concat(rest.Members).Select(m => m.UserId).Distinct().Count());
        Assert.Equal([second.UserId], named.Members.Select(m => m.UserId));
        var tooMany = await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeAsync<MemberPage>("Members", room, null, 201, null));
        Assert.Contains("A page of members holds 1 to 200 members.", tooMany.Message);
        var junk = await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeAsync<MemberPage>("Members", room, new string('x', 201), 10, null));
        Assert.Contains("The page position is too long", junk.Message);
        var longFilter = await Assert.ThrowsAsync<HubException>(() => owner.Connection.InvokeAsync<MemberPage>("Members", room, null, 10, new string('x', 33)));
        Assert.Contains("The name filter is too long", longFilter.Message);
    }
}
