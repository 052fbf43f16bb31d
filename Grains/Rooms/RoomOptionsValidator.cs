using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Rooms;

/// <summary>Refuses to start a silo whose <c>Chat:Rooms</c> settings of the inactive-member rule or the member pages are out of range.</summary>
public sealed class RoomOptionsValidator : IValidateOptions<RoomOptions>
{
    public ValidateOptionsResult Validate(string? name, RoomOptions options)
    {
        var errors = new List<string>();
        // Minutes would remove people who closed their tab for lunch: almost certainly "00:30" meant as 30 days.
        if (options.InactiveMemberExpiry != TimeSpan.Zero && options.InactiveMemberExpiry < TimeSpan.FromHours(1))
            errors.Add($"{RoomOptions.Section}:InactiveMemberExpiry is 0 (off) or at least one hour (for example 30.00:00:00 for 30 days); it is {options.InactiveMemberExpiry}.");
        if (options.MemberSweepInterval < TimeSpan.FromSeconds(1) || options.MemberSweepInterval > TimeSpan.FromDays(1))
            errors.Add($"{RoomOptions.Section}:MemberSweepInterval is between one second and one day; it is {options.MemberSweepInterval}.");
        if (options.MaxInactiveRemovals is < 1 or > 1000)
            errors.Add($"{RoomOptions.Section}:MaxInactiveRemovals is between 1 and 1000; it is {options.MaxInactiveRemovals}.");
        if (options.MaxMemberPage is < 1 or > 1000)
            errors.Add($"{RoomOptions.Section}:MaxMemberPage is between 1 and 1000; it is {options.MaxMemberPage}.");
        if (options.MembersOnJoin < 1 || options.MembersOnJoin > options.MaxMemberPage)
            errors.Add($"{RoomOptions.Section}:MembersOnJoin is between 1 and MaxMemberPage ({options.MaxMemberPage}); it is {options.MembersOnJoin}.");
        if (options.MemberFilterScan < options.MaxMemberPage)
            errors.Add($"{RoomOptions.Section}:MemberFilterScan is at least MaxMemberPage ({options.MaxMemberPage}); it is {options.MemberFilterScan}.");
        if (options.LazyPresenceAbove < 0)
            errors.Add($"{RoomOptions.Section}:LazyPresenceAbove is 0 (every room lazy) or more; it is {options.LazyPresenceAbove}.");
        if (options.MemberCountsInterval < TimeSpan.FromMilliseconds(100) || options.MemberCountsInterval > TimeSpan.FromMinutes(1))
            errors.Add($"{RoomOptions.Section}:MemberCountsInterval is between 100 ms and one minute; it is {options.MemberCountsInterval}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
