using OrleansChat.WebGateway.Hosting;

// The browser-facing gateway: static page, session endpoints and the SignalR hub over Orleans (a co-hosted silo by
// default, or a client of separate silos). What it registers: WebGateway/Hosting/ChatGatewayExtensions.
// `backup FILE` / `restore FILE` work on the all-in-one database instead (DataCommands).
if (DataCommands.IsCommand(args)) return DataCommands.Run(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddChatGateway();

var app = builder.Build();
app.MapChatGateway();
app.Run();
return 0;

/// <summary>The gateway's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
