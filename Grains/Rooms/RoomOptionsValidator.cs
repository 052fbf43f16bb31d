using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Rooms;

/// <summary>Refuses to start a silo whose <c>Chat:Rooms</c> settings of the inactive-member rule are out of range.</summary>
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
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
