using System.Net;
using Orleans.Dashboard;

namespace OrleansChat.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard (grains, activations, calls, silos) on the silo's operations port, at <c>/dashboard</c>. It
/// shows and can change the cluster's internals, so it answers requests from the silo's own machine only (an operator
/// reaches it with an SSH tunnel or <c>kubectl port-forward</c>); chat users never reach a silo's port anyway.
/// <c>Orleans:Dashboard:Enabled=false</c> turns it off (it profiles every grain call while on).
/// </summary>
public static class SiloDashboard
{
    public const string Path = "/dashboard";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Orleans:Dashboard:Enabled", true);

    public static ISiloBuilder AddChatDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    public static void MapChatDashboard(this WebApplication app) =>
        app.MapOrleansDashboard(Path).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                ? await next(context)
                : Results.StatusCode(StatusCodes.Status403Forbidden));
}
