using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Tenants;

namespace NixCafe.IntegrationTests.Support;

public enum EndpointAudience
{
    Anonymous,
    Tenant,
    Operator,
}

/// <summary>One method and route of the running host.</summary>
public sealed record CafeEndpoint(string Method, RoutePattern Pattern, EndpointAudience Audience, bool TakesJsonBody)
{
    public IReadOnlyList<string> RouteParameters => Pattern.Parameters.Select(parameter => parameter.Name).ToList();

    /// <summary>The path with each route parameter replaced by the value <paramref name="valueOf"/> gives for its name.</summary>
    public string Path(Func<string, string> valueOf) =>
        "/" + string.Join('/', Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(valueOf(parameter.Name)),
            _ => throw new InvalidOperationException($"unexpected route part in {Pattern.RawText}"),
        }))));

    public override string ToString() => $"{Method} {Pattern.RawText}";
}

/// <summary>
/// Every endpoint the built host maps, read from its <see cref="EndpointDataSource"/>, so a new
/// endpoint is covered by the isolation and hostile-input tests without anyone listing it.
/// </summary>
public static class EndpointCatalog
{
    public static IReadOnlyList<CafeEndpoint> Of(WebApplication app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => new CafeEndpoint(method, endpoint.RoutePattern, AudienceOf(endpoint), endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)))
            .OrderBy(endpoint => endpoint.Pattern.RawText, StringComparer.Ordinal).ThenBy(endpoint => endpoint.Method, StringComparer.Ordinal)
            .ToList();

    private static EndpointAudience AudienceOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? EndpointAudience.Anonymous
        : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == TenantsModule.OperatorPolicy) ? EndpointAudience.Operator
        : EndpointAudience.Tenant;
}
