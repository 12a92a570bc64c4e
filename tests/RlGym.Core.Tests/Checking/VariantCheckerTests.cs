using RlGym.Core.Checking;
using RlGym.Core.Dynamics;
using RlGym.Core.Registration;
using RlGym.Core.Vector;
using RlGym.Environments;
using RlGym.Environments.ClassicControl;
using RlGym.Environments.Fast;

namespace RlGym.Core.Tests.Checking;

/// <summary>
/// The variant checks on CartPole's real registration, and on registrations that pair CartPole's scalar environment
/// with a batched variant that is wrong in one way.
/// </summary>
public sealed class VariantCheckerTests
{
    private const string Id = "Test/CartPole-v1";

    [Fact]
    public void Check_BuiltInCartPole_SoaEqualsCopiesAndFastAgreesInDistribution()
    {
        var registry = BuiltInEnvironments.CreateRegistry();

        var results = VariantChecker.Check(registry, "CartPole-v1");

        Assert.Equal([VariantChecker.SoaCheckName, VariantChecker.FastCheckName], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(EnvCheckStatus.Passed, r.Status));
        Assert.Contains("autoreset included", results[0].Message, StringComparison.Ordinal);
        Assert.Contains("bit for bit", results[0].Message, StringComparison.Ordinal);
        Assert.Contains("512 episodes", results[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ScalarOnlyRegistration_SkipsBothSayingHowToAddThem()
    {
        var registry = CartPole();

        var results = VariantChecker.Check(registry, Id);

        Assert.All(results, r => Assert.Equal(EnvCheckStatus.Skipped, r.Status));
        Assert.Contains("RegisterVector", results[0].Message, StringComparison.Ordinal);
        Assert.Contains("RegisterFastDynamics", results[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSoa_VariantWithOtherKwargs_FailsAtTheFirstStepNamingTheReward()
    {
        // The scalar environment pays 1 per step; the batched one the Sutton-Barto reward (0 per step).
        var registry = CartPole();
        registry.RegisterVector(Id, Vectorizations.Soa, r => new DynamicsVectorEnv<CartPoleDynamics, CartPoleEpisode, float, int>(
            r.NumEnvs, new CartPoleDynamics(suttonBartoReward: true), r.Prototype, r.AutoresetMode, r.Spec.MaxEpisodeSteps, r.Spec));

        var result = VariantChecker.CheckSoa(registry, Id);

        Assert.Equal(EnvCheckStatus.Failed, result.Status);
        Assert.StartsWith("At step 0 (action ", result.Message, StringComparison.Ordinal);
        Assert.Contains("copy 0 of DynamicsVectorEnv<CartPoleDynamics, CartPoleEpisode, float, int> is rewarded 0, the scalar environment 1", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSoa_VariantThatAutoresetsOnTheSameStep_FailsWhereTheFirstEpisodeEnds()
    {
        // Asked for next-step autoreset, it resets an ended copy at once: equal to the scalar environment until then.
        var registry = CartPole();
        registry.RegisterVector(Id, Vectorizations.Soa, r => DynamicsVectorEnv<CartPoleDynamics, CartPoleEpisode, float, int>.Make(r with { AutoresetMode = AutoresetMode.SameStep }));

        var result = VariantChecker.CheckSoa(registry, Id);

        Assert.Equal(EnvCheckStatus.Failed, result.Status);
        Assert.DoesNotContain("At step 0 ", result.Message, StringComparison.Ordinal);
        Assert.Contains("observes", result.Message, StringComparison.Ordinal);
        Assert.Contains("same IDynamics", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSoa_VariantThatThrows_FailsWithTheException()
    {
        var registry = CartPole();
        registry.RegisterVector(Id, Vectorizations.Soa, _ => throw new InvalidOperationException("no batch today"));

        var result = VariantChecker.CheckSoa(registry, Id);

        Assert.Equal(EnvCheckStatus.Failed, result.Status);
        Assert.Contains("InvalidOperationException: no batch today", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFast_FastDynamicsWithOtherRewards_FailsOnTheMeanReturn()
    {
        // Same physics, so episode lengths agree; the Sutton-Barto reward makes every return -1 instead of its length.
        var registry = CartPole();
        registry.RegisterFastDynamics(Id, _ => FastDynamicsSource.Of<CartPoleFastDynamics, Float4, Float4, float, int>(new(suttonBartoReward: true)));

        var result = VariantChecker.CheckFast(registry, Id);

        Assert.Equal(EnvCheckStatus.Failed, result.Status);
        Assert.StartsWith("The mean episode return of the fast variant, -1, is ", result.Message, StringComparison.Ordinal);
        Assert.Contains("sync", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFast_FastDynamicsOfTheSameRules_PassesAgainstSyncCopiesThoughNoSeedMatches()
    {
        var registry = CartPole();
        registry.RegisterFastDynamics(Id, _ => FastDynamicsSource.Of<CartPoleFastDynamics, Float4, Float4, float, int>(new(suttonBartoReward: false)));

        var result = VariantChecker.CheckFast(registry, Id);

        Assert.Equal(EnvCheckStatus.Passed, result.Status);
        Assert.Contains("mean length fast", result.Message, StringComparison.Ordinal);
        Assert.Contains("sync", result.Message, StringComparison.Ordinal);
    }

    // CartPole-v1's scalar environment alone, under an id of its own.
    private static EnvRegistry CartPole()
    {
        var registry = new EnvRegistry();
        registry.Register(Id, (_, renderMode) => new CartPoleEnv(renderMode: renderMode), maxEpisodeSteps: 500);
        return registry;
    }
}
