using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Cluster membership for silos and for the gateways' Orleans clients: localhost clustering for the single-process
/// modes (SQLite), Orleans' ADO.NET clustering on the shared PostgreSQL database in cluster mode.
/// </summary>
public static class ChatClustering
{
    /// <summary>The ADO.NET invariant name of Npgsql, as the Orleans providers know it.</summary>
    public const string PostgresInvariant = "Npgsql";

    public static ISiloBuilder UseChatClustering(this ISiloBuilder silo, ChatStorageOptions storage, ChatClusterOptions cluster, ChatTlsOptions? tls = null)
    {
        if (tls?.Enabled == true) silo.UseTls(LoadCertificate(tls), PinnedTo);
        if (!storage.IsPostgres)
        {
            // A cluster of one silo (the all-in-one process, or the client mode's silo): it owns every grain's
            // directory entry, so a lookup is a read of its own partition and the directory cache would only keep a
            // second copy of every address ever registered (41,000 entries, 10 MB, after 10,000 guests:
            // docs/benchmarks.md, "Session 9"). Orleans drops the cached entries of grains a silo owns itself whenever
            // membership changes, for the same reason.
            silo.Configure<GrainDirectoryOptions>(directory => directory.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
            return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
        }

        var connectionString = storage.RequirePostgres();
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIPAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        silo.Configure<ClusterMembershipOptions>(FastFailureDetection);
        return silo;
    }

    public static IClientBuilder UseChatClustering(this IClientBuilder client, ChatStorageOptions storage, ChatClusterOptions cluster, ChatTlsOptions? tls = null)
    {
        if (tls?.Enabled == true) client.UseTls(LoadCertificate(tls), PinnedTo);
        if (!storage.IsPostgres)
        {
            return client.UseLocalhostClustering(cluster.GatewayPort);
        }

        var connectionString = storage.RequirePostgres();
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        // A gateway learns of new or lost silos from the membership table: look often, it is one small query.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        return client;
    }

    private static X509Certificate2 LoadCertificate(ChatTlsOptions tls) =>
        X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath!, tls.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>
    /// Mutual TLS with one cluster certificate: both ends present it and accept only a peer whose certificate is that
    /// same one (compared by its SHA-256 hash), whatever its name or issuer, so a self-signed certificate will do.
    /// </summary>
    private static void PinnedTo(TlsOptions options)
    {
        var local = options.LocalCertificate!;
        var pinned = local.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) =>
            certificate is not null && certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pinned);
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = local.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    /// <summary>
    /// Orleans' defaults take about 15 s to declare a killed silo dead (3 missed probes of 5 s); until then calls to its
    /// grains fail. A chat wants seconds: probe every second, suspect after 3 misses, publish and read the membership
    /// table every few seconds. Overridable through <c>Orleans:Membership</c> (see docs/operations.md).
    /// </summary>
    public static void FastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 3;
        o.NumVotesForDeathDeclaration = 2;
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
    }
}
