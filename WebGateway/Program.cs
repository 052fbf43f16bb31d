using OrleansChat.WebGateway.Hosting;

// The browser-facing gateway: static page, session endpoints and the SignalR hub over Orleans (a co-hosted silo by
// default, or a client of separate silos). What it registers: WebGateway/Hosting/ChatGatewayExtensions.
var builder = WebApplication.CreateBuilder(args);
builder.AddChatGateway();

var app = builder.Build();
app.MapChatGateway();
app.Run();

/// <summary>The gateway's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
