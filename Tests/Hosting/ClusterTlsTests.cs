using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Hosting;

/// <summary>
/// <c>Orleans:Tls</c>: the silo and the gateways' Orleans clients speak mutual TLS pinned to the cluster certificate; a
/// gateway with another certificate, or none, cannot reach the silo.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private const string Password = "test-only-password";
    private readonly TempDirectory _files = new("orleanschat-tls");
    private readonly string _tokenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _gatewayPort = FreePort.Next().ToString();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task GatewaysWithTheClusterCertificate_Chat_AndOnesWithoutItCannotConnect()
    {
        var certificate = WriteCertificate("cluster.pfx");
        using var first = new TempDirectory("orleanschat-tls-gw1");
        using var second = new TempDirectory("orleanschat-tls-gw2");
        await using var silo = new GatewayHost(first.Path, Settings(certificate));
        await using var client = new GatewayHost(second.Path, Settings(certificate, clientMode: true));

        await using var alice = await ChatClient.ConnectAsync(silo);
        await using var bob = await ChatClient.ConnectAsync(client);
        var room = (await alice.Connection.InvokeAsync<JoinResult>("CreateRoom", $"Tls {Guid.NewGuid().ToString("N")[..8]}")).Room.Id;
        await bob.JoinAsync(room);
        var sent = await alice.SendAsync(room, "over TLS");
        await bob.WaitUntil(c => c.Received(room).Any(e => e.Seq == sent.Seq), "the message to cross the TLS connection");

        using var strangerFiles = new TempDirectory("orleanschat-tls-gw3");
        var stranger = Settings(WriteCertificate("other.pfx"), clientMode: true);
        Assert.ThrowsAny<Exception>(() => new GatewayHost(strangerFiles.Path, stranger));
        var plain = Settings(certificate: null, clientMode: true);
        Assert.ThrowsAny<Exception>(() => new GatewayHost(strangerFiles.Path, plain));
    }

    private Dictionary<string, string> Settings(string? certificate, bool clientMode = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["Chat:TokenKey"] = _tokenKey,
            ["Orleans:GatewayPort"] = _gatewayPort,
            ["Chat:ClusterConnectTimeout"] = "00:00:03",
        };
        if (certificate is not null)
        {
            settings["Orleans:Tls:CertificatePath"] = certificate;
            settings["Orleans:Tls:CertificatePassword"] = Password;
        }
        if (clientMode) settings["Chat:Mode"] = "Client";
        return settings;
    }

    private string WriteCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=orleanschat-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = _files.File(name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
