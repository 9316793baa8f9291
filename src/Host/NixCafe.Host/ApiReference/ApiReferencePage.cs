using System.Buffers.Text;
using System.Security.Cryptography;
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

    private const string NonceKey = "NixCafe.ApiReference.Nonce";

    /// <summary>
    /// The page's own policy, the host's relaxed only where Scalar needs it. Scripts: this host's
    /// files and the page's inline start-up script, which carries this answer's nonce; no
    /// <c>'unsafe-inline'</c>. A refusal quotes what it refused (<c>'report-sample'</c>): only the
    /// bundle's empty <c>new Function</c> probe is refused, as under the host's policy. Styles need
    /// <c>'unsafe-inline'</c>: Scalar's bundle injects <c>style</c> elements without a nonce (its
    /// theme layer, its toaster's; only its main sheet reads a <c>csp-nonce</c> meta tag) and sets
    /// <c>style</c> attributes in markup (<c>--line-count</c> on code blocks, a scrollbar probe),
    /// which no nonce covers; a nonce in <c>style-src</c> would switch <c>'unsafe-inline'</c> off.
    /// Still nothing from another origin, and never framed. Without a nonce (the page's own
    /// files), the host's policy.
    /// </summary>
    public static string ContentSecurityPolicy(HttpContext context, string hostPolicy) =>
        context.Items[NonceKey] is string nonce
            ? $"default-src 'self'; script-src 'self' 'nonce-{nonce}' 'report-sample'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
              "font-src 'self' data:; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'"
            : hostPolicy;

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

    /// <summary>A fresh nonce for every answer of the page (Scalar's options are made per request).</summary>
    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, (scalar, context) =>
            {
                var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
                context.Items[NonceKey] = nonce;
                scalar.WithTitle("NixCafe API")
                    .DisableDefaultFonts()
                    .AddPreferredSecuritySchemes("bearer")
                    .WithNonce(nonce);
            })
            .AllowAnonymous();
}
