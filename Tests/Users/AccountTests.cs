using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class AccountTests(ChatCluster chat)
{
    [Fact]
    public async Task Password_SetThenVerified_AcceptsOnlyTheRightOne()
    {
        var user = await chat.NewUserAsync();
        await chat.User(user.UserId).SetPassword("correct horse");

        Assert.True((await chat.User(user.UserId).VerifyPassword("correct horse")).Ok);
        Assert.False((await chat.User(user.UserId).VerifyPassword("Correct horse")).Ok);
        Assert.True((await chat.User(user.UserId).GetProfile())!.HasPassword);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    public async Task Password_TooShort_IsRefused(string password)
    {
        var user = await chat.NewUserAsync();

        await Assert.ThrowsAsync<ChatException>(() => chat.User(user.UserId).SetPassword(password));
    }

    [Fact]
    public async Task Password_OfAGuest_NeverVerifies()
    {
        var user = await chat.NewUserAsync();

        Assert.False((await chat.User(user.UserId).VerifyPassword("")).Ok);
    }

    [Fact]
    public async Task Login_AfterRepeatedFailures_IsThrottledEvenWithTheRightPassword()
    {
        var user = await chat.NewUserAsync();
        await chat.User(user.UserId).SetPassword("right password");

        for (var i = 0; i < 5; i++) Assert.False((await chat.User(user.UserId).VerifyPassword($"guess {i}")).Ok);
        var throttled = await chat.User(user.UserId).VerifyPassword("right password");

        Assert.False(throttled.Ok);
        Assert.True(throttled.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Search_FindsUsersByTheStartOfTheirName_AndFollowsRenames()
    {
        var user = await chat.NewUserAsync();
        var unique = $"Zq{Guid.NewGuid().ToString("N")[..8]}";
        await chat.User(user.UserId).Rename($"{unique} Finder");

        var found = await chat.Client.GetGrain<IUserIndexGrain>(UserNames.IndexShard(unique)).Search(unique.ToLowerInvariant(), 10);
        var oldName = await chat.Client.GetGrain<IUserIndexGrain>(UserNames.IndexShard(user.Name)).Search(user.Name, 10);

        Assert.Equal([user.UserId], found.Select(m => m.UserId));
        Assert.Equal($"{unique} Finder", found[0].Name);
        Assert.DoesNotContain(oldName, m => m.UserId == user.UserId);
    }
}
