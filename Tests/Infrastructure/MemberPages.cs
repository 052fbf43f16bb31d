using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>Reads a room's whole member list page by page, as a client that scrolls to the end would.</summary>
public static class MemberPages
{
    private const int PageSize = 50;

    public static async Task<List<MemberInfo>> AllMembers(this IRoomGrain room, Guid userId)
    {
        var members = new List<MemberInfo>();
        string? after = null;
        do
        {
            var page = await room.GetMembers(userId, after, PageSize);
            members.AddRange(page.Members);
            after = page.Next;
        }
        while (after is not null);
        return members;
    }

    public static async Task<List<MemberInfo>> AllMembersAsync(this HubConnection connection, string roomId)
    {
        var members = new List<MemberInfo>();
        string? after = null;
        do
        {
            var page = await connection.InvokeAsync<MemberPage>("Members", roomId, after, PageSize, null);
            members.AddRange(page.Members);
            after = page.Next;
        }
        while (after is not null);
        return members;
    }
}
