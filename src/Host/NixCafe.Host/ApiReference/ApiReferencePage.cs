using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace NixCafe.Host.ApiReference;

/// <summary>
/// The interactive API reference (Scalar) over the OpenAPI document, at <see cref="Path"/>. Its
/// script is the bundle Scalar.AspNetCore carries and serves from this host; no font or script
/// comes from anywhere else. The document describes the bearer key every endpoint but the
/// anonymous ones needs.
/// </summary>
internal static class ApiReferencePage
{
    public const string Path = "/api-reference";

    /// <summary>
    /// The page's own policy, the host's relaxed only where Scalar needs it: its page starts the
    /// bundle with an inline script and its components set inline styles. Still nothing from
    /// another origin, and never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void AddBearerScheme(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A tenant's API key (ncf_<key id>.<secret>) or, on operator endpoints, the operator key.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    });

    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, scalar => scalar
                .WithTitle("NixCafe API")
                .DisableDefaultFonts()
                .AddPreferredSecuritySchemes("bearer"))
            .AllowAnonymous();
}
