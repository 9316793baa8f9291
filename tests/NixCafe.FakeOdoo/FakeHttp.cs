using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NixCafe.FakeOdoo;

/// <summary>The plain HTTP answers Odoo (or what stands in front of it) gives.</summary>
internal static class FakeHttp
{
    public const string LoginPath = "/web/login";

    public static Task JsonAsync(HttpContext context, int status, JsonNode? body) => JsonAsync(context, status, body?.ToJsonString() ?? "null");

    public static async Task JsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    public static async Task HtmlAsync(HttpContext context, int status, string title, string body = "")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>", Encoding.UTF8, context.RequestAborted);
    }

    public static Task RedirectAsync(HttpContext context, int status, string location)
    {
        context.Response.Headers.Location = location;
        var link = WebUtility.HtmlEncode(location);
        return HtmlAsync(context, status, "Redirecting...", $"<p>You should be redirected automatically to the target URL: <a href=\"{link}\">{link}</a>.</p>");
    }

    /// <summary>Where Odoo 18 sends a /json request: its web login, to come back to the path afterwards.</summary>
    public static Task RedirectToLoginAsync(HttpContext context) =>
        RedirectAsync(context, StatusCodes.Status303SeeOther, $"{LoginPath}?redirect={Uri.EscapeDataString(context.Request.Path.Value ?? "/")}");

    public static Task LoginPageAsync(HttpContext context) => HtmlAsync(context, StatusCodes.Status200OK, "Login | Odoo",
        $"<form class=\"oe_login_form\" method=\"post\" action=\"{LoginPath}\"><input name=\"login\"/><input name=\"password\" type=\"password\"/><button type=\"submit\">Log in</button></form>");

    public static Task NotFoundPageAsync(HttpContext context) => HtmlAsync(context, StatusCodes.Status404NotFound, "404 Not Found");
}
