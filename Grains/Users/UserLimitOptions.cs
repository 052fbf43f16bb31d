namespace OrleansChat.Grains.Users;

/// <summary>Per-user abuse limits kept by the user grains (configuration section <c>Chat:Users</c>); see docs/operations.md.</summary>
public sealed class UserLimitOptions
{
    public const string Section = "Chat:Users";

    /// <summary>Connections one user may have open at once, over all gateways.</summary>
    public int MaxConnections { get; set; } = 20;

    /// <summary>Rooms (public or private) one user may create at once before the hourly rate applies.</summary>
    public int RoomCreationBurst { get; set; } = 20;

    public double RoomCreationsPerHour { get; set; } = 60;

    /// <summary>Invitations one user may send at once before the rate per minute applies.</summary>
    public int InvitationBurst { get; set; } = 30;

    public double InvitationsPerMinute { get; set; } = 20;

    /// <summary>New direct conversations one user may open at once before the rate per minute applies.</summary>
    public int DirectBurst { get; set; } = 30;

    public double DirectsPerMinute { get; set; } = 20;

    /// <summary>Messages one user may send at once over all rooms before <see cref="SendRatePerSecond"/> applies.</summary>
    public int SendBurst { get; set; } = 60;

    /// <summary>Sustained messages per second of one user over all rooms (each room also has its own limit).</summary>
    public double SendRatePerSecond { get; set; } = 10;

    /// <summary>Send credits a room takes from the user's budget at once (the user grain is called once per lease).</summary>
    public int SendLease { get; set; } = 10;

    /// <summary>The longest status text a user may set, in characters (UTF-16 units) after trimming.</summary>
    public int MaxStatusLength { get; set; } = 80;

    /// <summary>Status changes one user may make at once before the hourly rate applies (each is pushed to all their rooms).</summary>
    public int StatusChangeBurst { get; set; } = 10;

    public double StatusChangesPerHour { get; set; } = 60;

    /// <summary>
    /// A user grain nobody called for this long deactivates, unless its memory holds budgets that are not full again
    /// (they would start full in a new activation): an idle connection holds no user-grain activation. Short, because a
    /// burst of new guests holds one activation each for this long (the peak of a connect burst), and a user grain that
    /// comes back costs one read of its row.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A room gives unused credits back after this long without using them up.</summary>
    public TimeSpan SendLeaseLifetime { get; set; } = TimeSpan.FromSeconds(10);
}
