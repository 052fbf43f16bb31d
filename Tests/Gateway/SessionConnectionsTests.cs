using System.IO.Pipelines;
using System.Security.Claims;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.WebGateway.Hubs;
using OrleansChat.WebGateway.Identity;

namespace OrleansChat.Tests.Gateway;

/// <summary>The registry that closes the connections of revoked sessions: each user's connections are a chain through the connections.</summary>
public sealed class SessionConnectionsTests
{
    private readonly SessionConnections _sessions = new(NullLogger<SessionConnections>.Instance);
    private readonly Guid _user = Guid.NewGuid();
    private readonly Guid _revoked = Guid.NewGuid();
    private readonly Guid _kept = Guid.NewGuid();

    [Fact]
    public async Task Close_AbortsEveryConnectionOfTheRevokedSessions_AndNoOther()
    {
        var (first, second, third) = (Open(_user, _revoked), Open(_user, _kept), Open(_user, _revoked));
        var other = Open(Guid.NewGuid(), _revoked);
        foreach (var c in new[] { first, second, third, other }) _sessions.Add(c);

        var closed = _sessions.Close(_user, [_revoked]);

        Assert.Equal(2, closed);
        await Wait.For(Aborted(first), "the first connection of the revoked session to close");
        await Wait.For(Aborted(third), "the second connection of the revoked session to close");
        Assert.False(Aborted(second).IsCompleted);
        Assert.False(Aborted(other).IsCompleted);
    }

    [Fact]
    public void Remove_FromTheMiddleTheStartOrTheEndOfAUsersChain_LeavesTheOthersRegistered()
    {
        var connections = Enumerable.Range(0, 4).Select(_ => Open(_user, _revoked)).ToArray();
        foreach (var c in connections) _sessions.Add(c);

        _sessions.Remove(connections[1]);
        _sessions.Remove(connections[3]);
        _sessions.Remove(connections[1]);

        Assert.Equal(2, _sessions.Close(_user, [_revoked]));
        _sessions.Remove(connections[0]);
        _sessions.Remove(connections[2]);
        Assert.Equal(0, _sessions.Close(_user, [_revoked]));
        Assert.Equal(0, _sessions.CloseAll());
    }

    [Fact]
    public void CloseAll_ClosesTheConnectionsOfEveryUser()
    {
        foreach (var c in new[] { Open(_user, _kept), Open(_user, _revoked), Open(Guid.NewGuid(), _kept) }) _sessions.Add(c);

        Assert.Equal(3, _sessions.CloseAll());
    }

    private static ChatConnection Open(Guid userId, Guid sessionId)
    {
        var (input, output) = (new Pipe(), new Pipe());
        var transport = new DefaultConnectionContext(Guid.NewGuid().ToString(), new Pipes(input.Reader, output.Writer), new Pipes(output.Reader, input.Writer))
        {
            User = new ClaimsPrincipal(new ChatIdentity(userId, sessionId)),
        };
        return new ChatConnection(new HubConnectionContext(transport, new HubConnectionContextOptions(), NullLoggerFactory.Instance));
    }

    /// <summary>Completes when the connection's transport is told to close (SignalR's abort does that on the thread pool).</summary>
    private static Task Aborted(ChatConnection connection)
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Hub.ConnectionAborted.Register(() => aborted.TrySetResult());
        return aborted.Task;
    }

    private sealed record Pipes(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
