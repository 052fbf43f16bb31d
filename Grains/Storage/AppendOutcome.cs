namespace OrleansChat.Grains.Storage;

/// <summary>The result of <see cref="IRoomEventStore.AppendAsync"/>.</summary>
public enum AppendOutcome
{
    /// <summary>Every event is durably stored.</summary>
    Stored,

    /// <summary>Nothing was stored: a sequence number or client message id of the batch exists already.</summary>
    Conflict,
}
