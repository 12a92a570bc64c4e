using RlGym.Core.Checking;
using RlGym.Core.Registration;

namespace RlGym.Core.Tests.Checking;

public class EnvCheckerTests
{
    [Fact]
    public void Check_CorrectEnvThroughRegistry_PassesEveryCheck()
    {
        var registry = Registry(EnvFault.None);

        var report = EnvChecker.Check(mode => registry.Make("Checked-v0", renderMode: mode));

        Assert.True(report.Passed, report.ToString());
        Assert.Equal("Checked-v0", report.Environment);
        Assert.Equal(EnvCheckStatus.Passed, report["render rgb_array"].Status);
        Assert.Equal(EnvCheckStatus.Passed, report["render ansi"].Status);
        Assert.Equal(EnvCheckStatus.Passed, report["no own time limit"].Status);
        Assert.Contains("All checks passed.", report.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EnvFault.ObservationOutsideSpace, "reset")]
    [InlineData(EnvFault.NonDeterministic, "determinism")]
    [InlineData(EnvFault.NaNObservation, "observations finite")]
    [InlineData(EnvFault.RenderSizeChanges, "render rgb_array")]
    [InlineData(EnvFault.RenderWrongKind, "render rgb_array")]
    [InlineData(EnvFault.OwnTimeLimit, "no own time limit")]
    [InlineData(EnvFault.AcceptsInvalidAction, "invalid action")]
    [InlineData(EnvFault.CloseTwiceThrows, "close twice")]
    public void Check_BrokenEnv_FailsTheMatchingCheck(EnvFault fault, string check)
    {
        var registry = Registry(fault);

        var report = EnvChecker.Check(mode => registry.Make("Checked-v0", renderMode: mode));

        Assert.False(report.Passed);
        Assert.Equal(EnvCheckStatus.Failed, report[check].Status);
        Assert.Contains(report.Failures, f => f.Name == check);
        Assert.Contains("[FAIL] " + check, report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NaNObservation_MessageSaysNaN()
    {
        var report = EnvChecker.Check(mode => new CheckedTestEnv(EnvFault.NaNObservation, mode));

        Assert.Contains("NaN", report["observations finite"].Message, StringComparison.Ordinal);
        Assert.Equal(EnvCheckStatus.Failed, report["random steps"].Status);
    }

    [Fact]
    public void Check_BareEnvWithoutSpec_SkipsTimeLimitUnlessGiven()
    {
        var withoutLimit = EnvChecker.Check(mode => new CheckedTestEnv(EnvFault.OwnTimeLimit, mode));
        var withLimit = EnvChecker.Check(
            mode => new CheckedTestEnv(EnvFault.OwnTimeLimit, mode),
            new EnvCheckOptions { MaxEpisodeSteps = 20 });

        Assert.Equal(EnvCheckStatus.Skipped, withoutLimit["no own time limit"].Status);
        Assert.Equal(EnvCheckStatus.Failed, withLimit["no own time limit"].Status);
    }

    [Fact]
    public void Check_FactoryWithoutRenderMode_SkipsRendering()
    {
        var report = EnvChecker.Check(() => new CheckedTestEnv());

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(EnvCheckStatus.Skipped, report["render"].Status);
    }

    [Fact]
    public void Check_ExpectedFrameSizeDiffers_FailsRender()
    {
        var report = EnvChecker.Check(mode => new CheckedTestEnv(EnvFault.None, mode), new EnvCheckOptions { ExpectedFrameSize = (400, 600) });

        Assert.Equal(EnvCheckStatus.Failed, report["render rgb_array"].Status);
        Assert.Contains("400x600", report["render rgb_array"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FactoryThrows_ReportsCreateFailure()
    {
        var report = EnvChecker.Check(() => throw new InvalidOperationException("boom"));

        Assert.False(report.Passed);
        Assert.Contains("boom", report["create"].Message, StringComparison.Ordinal);
    }

    private static EnvRegistry Registry(EnvFault fault)
    {
        var registry = new EnvRegistry();
        registry.Register<float[], int>(
            new EnvSpec { Id = "Checked-v0", EntryPoint = "tests:CheckedTestEnv", MaxEpisodeSteps = 20 },
            (_, mode) => new CheckedTestEnv(fault, mode));
        return registry;
    }
}
