namespace NixCafe.OdooSync.Odoo;

internal interface IOdooClientFactory
{
    IOdooClient Create(OdooConnectionSettings settings);
}
