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

    /// <summary>The attempts that try a plain name before a number is added.</summary>
    public const int PlainAttempts = 2;

    /// <summary>
    /// A random name; from attempt <see cref="PlainAttempts"/> on, a number is added to widen the space from 3,600 plain
    /// names to 36 million. Each failed attempt costs the caller a few name-lock reads, so once the plain names are
    /// mostly taken (a few thousand guests) the number must come early: waiting ten attempts cost 10,000 guests about
    /// 100,000 lock activations.
    /// </summary>
    public static string Next(Random random, int attempt)
    {
        var name = $"{Adjectives[random.Next(Adjectives.Length)]} {Animals[random.Next(Animals.Length)]}";
        return attempt < PlainAttempts ? name : $"{name} {random.Next(2, 10_000)}";
    }
}
