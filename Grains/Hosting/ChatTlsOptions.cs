namespace OrleansChat.Grains.Hosting;

/// <summary>
/// TLS between the Orleans processes of a cluster (silo to silo, gateway to silo), configuration section
/// <c>Orleans:Tls</c>. Off unless a certificate is given. Every process of the cluster uses the same certificate and
/// accepts only peers that present it (mutual TLS, pinned to that certificate), so a process without it can neither
/// join nor call grains. See docs/operations.md, "Security of a cluster".
/// </summary>
public sealed class ChatTlsOptions
{
    public const string Section = "Orleans:Tls";

    /// <summary>A PKCS#12 (.pfx) file with the cluster certificate and its private key; readable by the service only.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/> (from the environment or a secret store, never the command line).</summary>
    public string? CertificatePassword { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
