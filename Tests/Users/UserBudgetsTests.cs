using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Users;

namespace OrleansChat.Tests.Users;

/// <summary>A user's budgets (rooms, invitations, direct conversations, uploads, picture changes, sends) on a fake clock.</summary>
public sealed class UserBudgetsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void RoomCreations_PastTheBurst_WaitForTheHourlyRate()
    {
        var budgets = new UserBudgets(new UserLimitOptions { RoomCreationBurst = 2, RoomCreationsPerHour = 6 }, new FileLimitOptions(), new AvatarOptions(), _time);

        Assert.True(budgets.TryCreateRoom());
        Assert.True(budgets.TryCreateRoom());
        Assert.False(budgets.TryCreateRoom());
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(budgets.TryCreateRoom());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(budgets.TryCreateRoom());
    }

    [Fact]
    public void Uploads_PastTheBurst_WaitForTheRatePerMinute()
    {
        var budgets = new UserBudgets(new UserLimitOptions(), new FileLimitOptions { UploadBurst = 2, UploadsPerMinute = 6 }, new AvatarOptions(), _time);

        Assert.True(budgets.TryUpload());
        Assert.True(budgets.TryUpload());
        Assert.False(budgets.TryUpload());
        Assert.True(budgets.TryCreateRoom());
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(budgets.TryUpload());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budgets.TryUpload());
    }

    [Fact]
    public void InvitationsAndDirects_HaveBudgetsOfTheirOwn()
    {
        var budgets = new UserBudgets(new UserLimitOptions { InvitationBurst = 1, InvitationsPerMinute = 1, DirectBurst = 1, DirectsPerMinute = 1 }, new FileLimitOptions(), new AvatarOptions(), _time);

        Assert.True(budgets.TryInvite());
        Assert.False(budgets.TryInvite());
        Assert.True(budgets.TryOpenDirect());
        Assert.False(budgets.TryOpenDirect());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(budgets.TryInvite());
        Assert.True(budgets.TryOpenDirect());
    }

    [Fact]
    public void SendLeases_ShareOneBudget_AndReturnedCreditsCountAgain()
    {
        var budgets = new UserBudgets(new UserLimitOptions { SendBurst = 25, SendRatePerSecond = 10 }, new FileLimitOptions(), new AvatarOptions(), _time);

        Assert.Equal(10, budgets.LeaseSends(10));
        Assert.Equal(10, budgets.LeaseSends(10));
        Assert.Equal(5, budgets.LeaseSends(10));
        Assert.Equal(0, budgets.LeaseSends(10));
        budgets.ReturnSends(4);
        Assert.Equal(4, budgets.LeaseSends(10));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, budgets.LeaseSends(10));
    }

    [Fact]
    public void PictureChanges_PastTheBurst_WaitForTheHourlyRate()
    {
        var budgets = new UserBudgets(new UserLimitOptions(), new FileLimitOptions(), new AvatarOptions { ChangeBurst = 2, ChangesPerHour = 6 }, _time);

        Assert.True(budgets.TryChangeAvatar());
        Assert.True(budgets.TryChangeAvatar());
        Assert.False(budgets.TryChangeAvatar());
        Assert.True(budgets.TryUpload());
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(budgets.TryChangeAvatar());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(budgets.TryChangeAvatar());
    }
}
