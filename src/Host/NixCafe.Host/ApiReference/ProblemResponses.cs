using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace NixCafe.Host.ApiReference;

/// <summary>
/// The ProblemDetails answers of each operation in the OpenAPI document, derived from what the
/// operation takes, as the host's exception handler and pipeline answer them: 400 for input it
/// could not read or that failed validation (the fields and their reasons in <c>errors</c>), 401
/// without a valid key, 404 for an id in the route that names nothing of this tenant's, 409 for a
/// change that breaks a business rule or loses a race, 413 for a body over the cap, 429 past the
/// caller's rate limit and 503 while the database cannot serve (both with <c>Retry-After</c>). A
/// response an endpoint documents itself is left as it is.
/// </summary>
internal static class ProblemResponses
{
    private const string ProblemJson = "application/problem+json";

    private static readonly string[] Changes = ["POST", "PUT", "PATCH", "DELETE"];

    public static void AddProblemResponses(this OpenApiOptions options) => options.AddOperationTransformer(async (operation, context, cancellationToken) =>
    {
        var description = context.Description;
        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        var validationProblem = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        if (description.ParameterDescriptions.Count > 0)
        {
            Add("400", "The request is invalid: each field's reasons in errors, or why the body could not be read.", validationProblem);
        }

        if (!description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            Add("401", "No valid key: a tenant's API key, or the operator key on operator endpoints.", problem);
        }

        if (description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Path))
        {
            Add("404", "An id in the route names nothing of this tenant's.", problem);
        }

        if (Changes.Contains(description.HttpMethod, StringComparer.OrdinalIgnoreCase))
        {
            Add("409", "The change breaks a business rule (named in rule; a field's in errors), or another change saved at the same moment conflicts with it.", validationProblem);
        }

        if (description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Body))
        {
            Add("413", "The request body is larger than NixCafe:Limits:MaxRequestBodyBytes allows.", problem);
        }

        if (!description.ActionDescriptor.EndpointMetadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            Add("429", "This key (or, without a valid key, this address) sent more requests than its limit allows; Retry-After says when to try again.", problem);
        }

        Add("503", "The database cannot serve the request now (down, restarting, out of connections, read-only, or a lock or statement timeout); Retry-After says when to try again.", problem);

        void Add(string status, string meaning, IOpenApiSchema schema) =>
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
            });
    });
}
