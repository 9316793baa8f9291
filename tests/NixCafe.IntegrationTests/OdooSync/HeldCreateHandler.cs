using MediatR;
using NixCafe.Registers.Contracts;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// One more handler of the created event, registered after the real ones: while armed, it holds
/// the create's transaction open after OdooSync has queued (or not queued) the register, as a
/// slow write would.
/// </summary>
public sealed class HeldCreateHandler(HeldCreateHandler.Gate gate) : INotificationHandler<RegisterCreatedIntegrationEvent>
{
    public sealed class Gate
    {
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reached { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Armed { get; private set; }

        public void Arm()
        {
            Reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Armed = true;
        }

        public void Release()
        {
            Armed = false;
            _release.TrySetResult();
        }

        public Task Released => _release.Task;
    }

    public async Task Handle(RegisterCreatedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        if (gate.Armed)
        {
            gate.Reached.TrySetResult();
            await gate.Released.WaitAsync(cancellationToken);
        }
    }
}
