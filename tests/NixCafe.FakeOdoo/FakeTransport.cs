using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NixCafe.FakeOdoo;

/// <summary>One of Odoo's HTTP APIs: how it reads a call, and how it answers a result or an error.</summary>
internal abstract class FakeTransport
{
    /// <summary>The call a request makes, or null when it is none and has been answered as Odoo's HTTP layer answers it.</summary>
    public abstract Task<FakeRequest?> ReadAsync(HttpContext context);

    public abstract Task AnswerAsync(HttpContext context, FakeRequest request, JsonNode? result);

    public abstract Task FailAsync(HttpContext context, FakeRequest request, FakeRpcException error);

    protected static string? CallerOf(HttpContext context) => context.Request.Headers["X-NixCafe-Host"].FirstOrDefault();

    protected static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A server-side traceback as Odoo puts it in every error's <c>debug</c>.</summary>
    protected static string Traceback(string name, string message) =>
        $"Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 1589, in _serve_db\n{name}: {message}\n";
}
