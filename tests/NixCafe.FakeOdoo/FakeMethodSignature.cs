namespace NixCafe.FakeOdoo;

/// <summary>
/// A model method of Odoo's external API: its parameters in positional order (a record
/// method's first one is <c>ids</c>, the recordset) and which of them it cannot do without.
/// </summary>
internal sealed record FakeMethodSignature(string Name, string[] Parameters, string[] Required, bool TakesMoreKeywords = false)
{
    public const string CheckAccessRights = "check_access_rights";

    public static readonly IReadOnlyDictionary<string, FakeMethodSignature> ByName = new FakeMethodSignature[]
    {
        new("fields_get", ["allfields", "attributes"], []),
        // search_read hands any other keyword on to read, which refuses it with a TypeError.
        new("search_read", ["domain", "fields", "offset", "limit", "order"], [], TakesMoreKeywords: true),
        new("search", ["domain", "offset", "limit", "order"], ["domain"]),
        new("search_count", ["domain", "limit"], ["domain"]),
        new("read", ["ids", "fields"], []),
        new("create", ["vals_list"], ["vals_list"]),
        new("write", ["ids", "vals"], ["vals"]),
        new("load", ["fields", "data"], ["fields", "data"]),
        new(CheckAccessRights, ["operation", "raise_exception"], ["operation"]),
    }.ToDictionary(signature => signature.Name);
}
