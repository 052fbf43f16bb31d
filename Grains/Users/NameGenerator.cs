namespace OrleansChat.Grains.Users;

/// <summary>Human-friendly random names: "Amber Heron".</summary>
public static class NameGenerator
{
    private static readonly string[] Adjectives =
    [
        "Amber", "Azure", "Bold", "Brave", "Bright", "Calm", "Clever", "Coral", "Cosmic", "Crimson",
        "Curious", "Dapper", "Eager", "Early", "Emerald", "Fancy", "Fearless", "Gentle", "Gilded", "Golden",
        "Happy", "Hidden", "Humble", "Indigo", "Jolly", "Keen", "Kind", "Lively", "Lucky", "Lunar",
        "Mellow", "Merry", "Misty", "Noble", "Olive", "Patient", "Plucky", "Polar", "Proud", "Quick",
        "Quiet", "Rapid", "Rosy", "Ruby", "Rustic", "Scarlet", "Silent", "Silver", "Sly", "Snowy",
        "Solar", "Spry", "Steady", "Stormy", "Sunny", "Swift", "Teal", "Tidy", "Velvet", "Witty",
    ];

    private static readonly string[] Animals =
    [
        "Albatross", "Badger", "Beaver", "Bison", "Bobcat", "Cheetah", "Condor", "Coyote", "Crane", "Dolphin",
        "Eagle", "Falcon", "Ferret", "Finch", "Fox", "Gazelle", "Gecko", "Heron", "Ibis", "Jaguar",
        "Kestrel", "Koala", "Lemur", "Leopard", "Lynx", "Magpie", "Marmot", "Meerkat", "Moose", "Narwhal",
        "Ocelot", "Octopus", "Orca", "Osprey", "Otter", "Owl", "Panda", "Panther", "Pelican", "Penguin",
        "Puffin", "Quail", "Rabbit", "Raven", "Robin", "Salmon", "Seal", "Sparrow", "Stork", "Swan",
        "Tapir", "Tiger", "Toucan", "Turtle", "Walrus", "Weasel", "Whale", "Wolf", "Wombat", "Zebra",
    ];

    /// <summary>A random name; from <paramref name="attempt"/> 10 on, a number is added to widen the space.</summary>
    public static string Next(Random random, int attempt)
    {
        var name = $"{Adjectives[random.Next(Adjectives.Length)]} {Animals[random.Next(Animals.Length)]}";
        return attempt < 10 ? name : $"{name} {random.Next(2, 1000)}";
    }
}
