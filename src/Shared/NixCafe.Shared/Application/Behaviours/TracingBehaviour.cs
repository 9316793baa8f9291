using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using MediatR;
using NixCafe.Shared.Telemetry;

namespace NixCafe.Shared.Application.Behaviours;

/// <summary>
/// One span per MediatR request, named after the request's type, tagged with the ids the request
/// carries (<c>nixcafe.register_id</c>, <c>nixcafe.tenant_id</c>, …) so a change can be found
/// beside the drain that pushed it. Only <see cref="Guid"/> properties are read: names, keys and
/// other strings a request carries never reach a span.
/// </summary>
internal sealed partial class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Name = typeof(TRequest).Name;

    private static readonly (string Tag, PropertyInfo Property)[] Ids = typeof(TRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.PropertyType == typeof(Guid) && property.Name.EndsWith("Id", StringComparison.Ordinal))
        .Select(property => ("nixcafe." + SnakeCase().Replace(property.Name, "$1_$2").ToLowerInvariant(), property))
        .ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = CafeTelemetry.Source.StartActivity(Name);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("nixcafe.request", Name);
            foreach (var (tag, property) in Ids)
            {
                activity.SetTag(tag, property.GetValue(request)?.ToString());
            }
        }

        try
        {
            return await next();
        }
        catch (Exception exception)
        {
            // The type only: an exception's message may quote what the request carried.
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity?.SetTag("error.type", exception.GetType().FullName);
            throw;
        }
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();
}
