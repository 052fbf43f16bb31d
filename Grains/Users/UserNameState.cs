namespace OrleansChat.Grains.Users;

/// <summary>Who holds a user name.</summary>
[GenerateSerializer, Alias("OrleansChat.Grains.UserNameState")]
public sealed class UserNameState
{
    [Id(0)] public Guid? Owner { get; set; }
}
