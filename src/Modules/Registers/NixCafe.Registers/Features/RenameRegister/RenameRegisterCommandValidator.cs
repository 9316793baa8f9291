using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.RenameRegister;

internal sealed class RenameRegisterCommandValidator : AbstractValidator<RenameRegisterCommand>
{
    public RenameRegisterCommandValidator() =>
        RuleFor(command => command.Name).Custom((name, context) => RegisterFieldRules.CheckName(name, context));
}
