namespace NixCafe.OdooSync.Odoo;

/// <summary>The template fields a new register copies, filtered by what this Odoo actually has.</summary>
internal sealed record CloneFields(IReadOnlyList<string> ManyToOne, IReadOnlyList<string> ManyToMany)
{
    public IEnumerable<string> All => ManyToOne.Concat(ManyToMany);
}
