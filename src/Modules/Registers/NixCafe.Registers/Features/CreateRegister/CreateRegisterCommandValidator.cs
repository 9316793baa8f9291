using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Registers.Features.CreateRegister;

internal sealed class CreateRegisterCommandValidator : AbstractValidator<CreateRegisterCommand>
{
    public CreateRegisterCommandValidator()
    {
        RuleFor(command => command.ShopId).NotEmpty().WithMessage("The shop is required.");
        RuleFor(command => command.Name).Custom((name, context) => RegisterFieldRules.CheckName(name, context));
        RuleFor(command => command.Prefix).Custom((prefix, context) => RegisterFieldRules.CheckPrefix(prefix, context));
    }
}
