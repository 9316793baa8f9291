using System.Net;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>Replies that are not Odoo's answer: who must act on them.</summary>
public sealed class OdooReplyClassificationTests
{
    private static readonly Uri Odoo = new("https://cafe.odoo.example/");

    [Theory]
    [InlineData(429, "HTTP 429")]
    [InlineData(502, "HTTP 502")]
    [InlineData(503, "HTTP 503")]
    [InlineData(200, "NotJson")]
    [InlineData(404, "NotJson")]
    public void Anything_but_the_transports_answer_is_worth_retrying(int status, string name)
    {
        var failure = new OdooReply(Odoo, (HttpStatusCode)status, "text/html", "<html/>", null).NotOdoo("jsonrpc");

        Assert.Equal((OdooErrorKind.Transient, name), (failure.Kind, failure.OdooName));
    }

    [Fact]
    public void A_redirect_waits_for_the_operator_and_names_only_where_it_points()
    {
        var failure = new OdooReply(Odoo, HttpStatusCode.Found, null, "", new Uri("https://login.example/web/login?redirect=x")).RedirectRefused();

        Assert.Equal(OdooErrorKind.Tenant, failure.Kind);
        Assert.Contains("https://login.example", failure.Reason);
        Assert.DoesNotContain("redirect=x", failure.Reason);
    }

    [Fact]
    public void Only_a_json_reply_is_read_as_json()
    {
        Assert.Null(new OdooReply(Odoo, HttpStatusCode.OK, "text/html", "{}", null).Json());
        Assert.Null(new OdooReply(Odoo, HttpStatusCode.OK, "application/json", "not json", null).Json());
        Assert.NotNull(new OdooReply(Odoo, HttpStatusCode.OK, "application/json", "{}", null).Json());
    }
}
