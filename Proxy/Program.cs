
// The one address of a cluster: a YARP reverse proxy in front of the gateways (docs/operations.md, "One address").
// Everything is configuration (appsettings.json, section ReverseProxy): WebSockets pass through, every gateway is
// probed on /health/ready and taken out of rotation when it fails, and browsers stay on one gateway between SignalR's
// negotiate and its WebSocket (cookie affinity). The gateways themselves are destinations given at start-up:
//   --ReverseProxy:Clusters:gateways:Destinations:gateway1:Address=http://127.0.0.1:5001/
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, builder.Configuration["urls"] ?? "http://127.0.0.1:5000");
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
// Passive health counts transport failures over a window (YARP's default 60 s): a gateway that was restarted stays
// suspect for that long after its failures, which held a rolling restart a minute per gateway. Proxy:TransportFailureRate.
builder.Services.Configure<Yarp.ReverseProxy.Health.TransportFailureRateHealthPolicyOptions>(builder.Configuration.GetSection("Proxy:TransportFailureRate"));
builder.Services.AddHealthChecks();

var app = builder.Build();
// The proxy's own liveness; /health/* belongs to the gateway behind it.
app.MapHealthChecks("/proxy/health");
app.MapGet("/proxy/destinations", ProxyDestinations.Report);
app.MapReverseProxy();
app.Run();
