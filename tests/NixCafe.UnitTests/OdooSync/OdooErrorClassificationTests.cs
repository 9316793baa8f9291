using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>Who must act on a failed call decides whether a register waits, retries or dead-letters.</summary>
public sealed class OdooErrorClassificationTests
{
    [Theory]
    [InlineData(401, "werkzeug.exceptions.Unauthorized", "Tenant")]
    [InlineData(403, "odoo.exceptions.AccessError", "Tenant")]
    [InlineData(404, "werkzeug.exceptions.NotFound", "Tenant")]
    [InlineData(404, "odoo.exceptions.MissingError", "Record")]
    [InlineData(422, "odoo.exceptions.ValidationError", "Record")]
    [InlineData(422, "werkzeug.exceptions.UnprocessableEntity", "Record")]
    [InlineData(500, "builtins.ValueError", "Record")]
    [InlineData(500, "builtins.TypeError", "Record")]
    [InlineData(500, "psycopg2.OperationalError", "Transient")]
    [InlineData(400, "werkzeug.exceptions.BadRequest", "Transient")]
    [InlineData(503, "werkzeug.exceptions.ServiceUnavailable", "Transient")]
    public void A_json2_error_is_classified_by_its_status_and_name_never_its_message(int status, string name, string kind)
    {
        // A translated message must not change the class: the same status and name with any text.
        var english = OdooException.FromJsonTwo(status, name, "Invalid field 'x' in 'pos.config'");
        var french = OdooException.FromJsonTwo(status, name, "Champ 'x' invalide dans 'pos.config'");

        Assert.Equal((kind, kind), (english.Kind.ToString(), french.Kind.ToString()));
        Assert.Equal($"{name}: Invalid field 'x' in 'pos.config'", english.Reason);
    }

    [Theory]
    [InlineData(500, "builtins.ValueError", true)]
    [InlineData(422, "odoo.exceptions.ValidationError", false)]
    [InlineData(404, "odoo.exceptions.MissingError", false)]
    public void An_unknown_field_over_json2_says_the_server_may_have_changed(int status, string name, bool changed) =>
        Assert.Equal(changed, OdooException.FromJsonTwo(status, name, "…").ServerMayHaveChanged);

    [Theory]
    [InlineData("odoo.exceptions.AccessDenied", "Access Denied", "Tenant")]
    [InlineData("odoo.exceptions.AccessError", "You are not allowed", "Tenant")]
    [InlineData("odoo.exceptions.MissingError", "Record does not exist", "Record")]
    [InlineData("odoo.exceptions.ValidationError", "The default pricelist must be included", "Record")]
    [InlineData("builtins.KeyError", "name", "Record")]
    [InlineData("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update", "Transient")]
    public void A_jsonrpc_error_is_classified_by_its_name(string name, string message, string kind) =>
        Assert.Equal(kind, OdooException.FromJsonRpc(name, message).Kind.ToString());
}
