namespace OrleansChat.WebGateway.Files;

/// <summary>
/// Endpoint metadata: the endpoint sets its own body size limit (<c>Chat:Files:MaxBytes</c>), so the small cap of
/// <c>/api/*</c> (<see cref="Hosting.HttpLimits"/>) does not apply to it.
/// </summary>
public sealed class LargeBody;
