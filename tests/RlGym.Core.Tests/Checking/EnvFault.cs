namespace RlGym.Core.Tests.Checking;

/// <summary>The one thing a <see cref="CheckedTestEnv"/> does wrong.</summary>
public enum EnvFault
{
    None,
    ObservationOutsideSpace,
    NonDeterministic,
    NaNObservation,
    RenderSizeChanges,
    RenderWrongKind,
    OwnTimeLimit,
    AcceptsInvalidAction,
    CloseTwiceThrows,
}
