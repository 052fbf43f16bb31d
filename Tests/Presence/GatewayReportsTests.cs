using OrleansChat.Grains.Presence;

namespace OrleansChat.Tests.Presence;

/// <summary>A gateway's renewals and single reports, arriving in any order: the newest word per user wins.</summary>
public sealed class GatewayReportsTests
{
    private readonly GatewayReports<string> _reports = new();
    private readonly Guid _ann = Guid.NewGuid();
    private readonly Guid _bob = Guid.NewGuid();

    private static KeyValuePair<Guid, string> Entry(Guid user, string value) => KeyValuePair.Create(user, value);

    [Fact]
    public void AListTakenBeforeAReport_ButArrivingAfterIt_DoesNotUndoTheReport()
    {
        Assert.True(_reports.Report(_bob, online: true, "Bob", version: 6));
        Assert.True(_reports.Replace([Entry(_ann, "Ann")], version: 5));
        Assert.Equal(["Ann", "Bob"], _reports.Users.Values.Order());

        // A list at least as new as the report takes over: the report is spent.
        _reports.Replace([Entry(_ann, "Ann")], version: 7);
        Assert.Equal(["Ann"], _reports.Users.Values);
    }

    [Fact]
    public void AReportOlderThanTheList_IsIgnored_AndSoIsAnOlderList()
    {
        _reports.Replace([Entry(_ann, "Ann")], version: 10);
        Assert.False(_reports.Report(_ann, online: false, "Ann", version: 9));
        Assert.False(_reports.Report(_bob, online: true, "Bob", version: 8));
        Assert.False(_reports.Replace([], version: 9));
        Assert.Equal([_ann], _reports.Users.Keys);
    }

    [Fact]
    public void AnOlderReportOfTheSameUser_IsIgnored()
    {
        _reports.Report(_ann, online: false, "Ann", version: 4);
        Assert.False(_reports.Report(_ann, online: true, "Ann", version: 3));
        Assert.Empty(_reports.Users);
    }

    [Fact]
    public void AReport_ChangesTheValue_AndSaysSo_OnlyWhenItDiffers()
    {
        Assert.True(_reports.Report(_ann, online: true, "Ann", version: 1));
        Assert.False(_reports.Report(_ann, online: true, "Ann", version: 2));
        Assert.True(_reports.Report(_ann, online: true, "Anna", version: 3));
        Assert.Equal("Anna", _reports.Users[_ann]);
    }

    [Fact]
    public void Remove_VoidsWhatWasSaid_OfThatUserOnly()
    {
        _reports.Replace([Entry(_ann, "Ann")], version: 1);
        _reports.Report(_bob, online: true, "Bob", version: 2);
        Assert.True(_reports.Remove(_bob));
        Assert.False(_reports.Remove(_bob));
        // The report was voided too: a list older than it does not bring it back in force.
        _reports.Replace([Entry(_ann, "Ann")], version: 1);
        Assert.Equal([_ann], _reports.Users.Keys);
    }
}
