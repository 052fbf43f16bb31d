using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace OrleansChat.WebGateway.Hosting;

/// <summary>
/// Abuse limits of the HTTP endpoints (docs/operations.md, <see cref="HttpLimitOptions"/>): ASP.NET Core's rate limiter
/// partitioned by client address for <c>POST /api/session</c>, <c>POST /api/login</c> and file uploads, and a small body size cap on
/// <c>/api/*</c> (file uploads excepted: <c>Chat:Files:MaxBytes</c>). A refusal is 429 with <c>Retry-After</c> or 413, with <c>{ "error": ... }</c> like every API error.
/// </summary>
public static class HttpLimits
{
    public const string SessionPolicy = "session";
    public const string LoginPolicy = "login";
    public const string UploadPolicy = "upload";

    public static IServiceCollection AddChatHttpLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(HttpLimitOptions.Section).Get<HttpLimitOptions>() ?? new HttpLimitOptions();
        services.Configure<HttpLimitOptions>(configuration.GetSection(HttpLimitOptions.Section));
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SessionPolicy, context => PerAddress(context, limits.SessionsPerWindow, limits.Window));
            options.AddPolicy(LoginPolicy, context => PerAddress(context, limits.LoginsPerWindow, limits.Window));
            options.AddPolicy(UploadPolicy, context => PerAddress(context, limits.UploadsPerWindow, limits.Window));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.Window;
                response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new { error = "Too many requests from your address. Please wait before trying again." }, cancellationToken);
            };
        });
        return services;
    }

    public static WebApplication UseChatHttpLimits(this WebApplication app)
    {
        var maxBody = app.Configuration.GetSection(HttpLimitOptions.Section).Get<HttpLimitOptions>()?.MaxApiBodyBytes
            ?? new HttpLimitOptions().MaxApiBodyBytes;
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api")) return next(context);
            // File uploads have their own limit (Chat:Files:MaxBytes), set by their endpoint.
            if (context.GetEndpoint()?.Metadata.GetMetadata<Files.LargeBody>() is not null) return next(context);
            if (context.Request.ContentLength > maxBody)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return context.Response.WriteAsJsonAsync(new { error = $"The request body is larger than {maxBody} bytes." });
            }
            // A body without a length (chunked) is cut off by the server when it grows past the limit.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxBody;
            return next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
}
