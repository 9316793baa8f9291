using FluentValidation;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.OdooSync.Features.ManageConnection;

internal sealed class SetOdooConnectionCommandValidator : AbstractValidator<SetOdooConnectionCommand>
{
    public SetOdooConnectionCommandValidator(IOptions<OdooUrlOptions> urls)
    {
        var allowedHosts = urls.Value.AllowedHosts;
        RuleFor(command => command.BaseUrl).Must(BeAnOdooUrl)
            .WithMessage("The base URL must be an absolute http or https URL without credentials in it.");
        // The key is sent to this host: an allow-list keeps a mistyped or hostile URL from receiving it.
        RuleFor(command => command.BaseUrl).Must(url => IsAllowed(url!, allowedHosts))
            .When(command => allowedHosts.Length > 0 && BeAnOdooUrl(command.BaseUrl))
            .WithMessage(command => $"The host {new Uri(command.BaseUrl!).Host} is not one of the allowed Odoo hosts ({string.Join(", ", allowedHosts)}).");
        RuleFor(command => command.Database).NotEmpty().WithMessage("The Odoo database name is required.")
            .MaximumLength(200).WithMessage("The Odoo database name must be at most 200 characters.")
            .Must(PrintableText.IsPrintable).WithMessage("The Odoo database name must not contain control or invisible characters.");
        RuleFor(command => command.Login).NotEmpty().WithMessage("The Odoo login is required.")
            .MaximumLength(200).WithMessage("The Odoo login must be at most 200 characters.")
            .Must(PrintableText.IsPrintable).WithMessage("The Odoo login must not contain control or invisible characters.");
        RuleFor(command => command.ApiKey).NotEmpty().WithMessage("The Odoo API key is required.")
            .MaximumLength(500).WithMessage("The Odoo API key must be at most 500 characters.")
            .Must(PrintableText.IsPrintable).WithMessage("The Odoo API key must not contain control or invisible characters.");
        RuleFor(command => command.Transport).Must(transport => transport is null || OdooTransports.All.Contains(transport))
            .WithMessage($"The transport must be one of {string.Join(", ", OdooTransports.All)} (auto, the default, asks the server).");
    }

    private static bool BeAnOdooUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0;

    private static bool IsAllowed(string url, string[] allowedHosts) =>
        allowedHosts.Contains(new Uri(url).Host, StringComparer.OrdinalIgnoreCase);
}
