namespace OrleansChat.Grains.Hosting;

/// <summary>The storage behind the chat: one embedded file, or a PostgreSQL database shared by a cluster.</summary>
public enum ChatStorageProvider
{
    Sqlite,
    Postgres,
}
