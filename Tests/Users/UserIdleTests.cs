using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Users;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Users;

/// <summary>
/// An idle user grain leaves memory after <see cref="UserLimitOptions.IdleDeactivation"/>, but not while a budget of
/// its memory is refilling; on a fake clock.
/// </summary>
public sealed class UserIdleTests : IAsyncLifetime
{
    private static readonly TimeSpan Idle = new UserLimitOptions().IdleDeactivation;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ChatCluster _chat;

    public UserIdleTests() => _chat = ChatCluster.WithRoomOptions(_ => { }, _time);

    public Task InitializeAsync() => _chat.InitializeAsync();

    public Task DisposeAsync() => _chat.DisposeAsync();

    private async Task<int> ActivationsAsync(IAddressable grain) =>
        await _chat.Client.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)grain);

    private Task<int> ActivationsAsync(Guid userId) => ActivationsAsync(_chat.User(userId));

    /// <summary>Moves the fake clock on until the grain has no activation; returns how far it moved.</summary>
    private Task<TimeSpan> AdvanceUntilGoneAsync(IAddressable grain, int maxSteps = 500)
    {
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _time.AdvanceUntilAsync(gone.Task, Step, async () =>
        {
            if (await ActivationsAsync(grain) == 0) gone.TrySetResult();
        }, $"{grain.GetGrainId()} to leave memory", maxSteps);
    }

    private Task<TimeSpan> AdvanceUntilGoneAsync(Guid userId) => AdvanceUntilGoneAsync(_chat.User(userId));

    [Fact]
    public async Task AnIdleUserGrain_LeavesMemory_AfterTheIdleTime()
    {
        var user = await _chat.NewUserAsync();
        Assert.Equal(1, await ActivationsAsync(user.UserId));

        var idleFor = await AdvanceUntilGoneAsync(user.UserId);

        Assert.InRange(idleFor, Idle, Idle * 1.5 + Step);
        // Nothing was lost: the next call finds the user as it was.
        Assert.Equal(user.Name, (await _chat.User(user.UserId).GetProfile())?.Name);
    }

    [Fact]
    public async Task AUserGrainWhoseBudgetIsRefilling_StaysUntilItIsFullAgain()
    {
        var user = await _chat.NewUserAsync();
        // One room of the creation budget (60 an hour): full again a minute later, which a new activation would skip.
        await _chat.NewRoomAsync(user.UserId);

        var idleFor = await AdvanceUntilGoneAsync(user.UserId);

        Assert.True(idleFor >= TimeSpan.FromMinutes(1), $"left memory after {idleFor}");
    }

    [Fact]
    public async Task ANameLock_LeavesMemory_AfterAClaim_ARefusal_AndARead()
    {
        // Generated names are tried one after another, so thousands of new guests ask for names already taken; a lock
        // that stayed after refusing would be an activation per taken name for Orleans' collection age (15 minutes).
        var lockOfName = _chat.Client.GetGrain<IUserNameGrain>($"idle-test-{Guid.NewGuid():N}");
        var owner = Guid.NewGuid();
        // Orleans' own collection would take minutes of the fake clock; a few seconds leave only our deactivation.
        const int steps = 5;

        Assert.True(await lockOfName.TryClaim(owner));
        await AdvanceUntilGoneAsync(lockOfName, steps);
        Assert.False(await lockOfName.TryClaim(Guid.NewGuid()));
        await AdvanceUntilGoneAsync(lockOfName, steps);
        Assert.Equal(owner, await lockOfName.GetOwner());
        await AdvanceUntilGoneAsync(lockOfName, steps);
    }
}
