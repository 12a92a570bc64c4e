using System.Runtime.InteropServices;
using RlGym.Core.Dynamics;
using RlGym.Core.Vector;
using RlGym.Environments.Fast;
using RlGym.Environments.MinAtar;

namespace RlGym.Environments.Tests.Fast;

/// <summary>
/// <see cref="BreakoutFastDynamics"/> runs <see cref="BreakoutDynamics"/> itself, so from the same start and without
/// sticky draws it equals the scalar <see cref="BreakoutEnv"/> exactly (observations, rewards, terminations); only its
/// generator differs.
/// </summary>
public sealed class BreakoutFastDynamicsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_SameStartWithoutStickyActions_EqualsTheScalarEnvStepForStep(bool useMinimalActionSet)
    {
        using var scalar = new BreakoutEnv(stickyActionProb: 0, useMinimalActionSet);
        var dynamics = new BreakoutFastDynamics(0f, useMinimalActionSet);
        var random = FastRandom.FromSeed(1);
        var actions = new Random(5);
        var seed = 0UL;
        var expected = scalar.Reset(seed).Observation;
        var state = new BreakoutFastState { Game = scalar.State };
        var (episodes, rewards) = (0, 0);
        for (var step = 0; step < 20_000; step++)
        {
            AssertObservation(expected, Observe(dynamics, state), step);
            var action = actions.Next(useMinimalActionSet ? BreakoutEnv.MinimalActionCount : BreakoutEnv.FullActionCount);

            var result = scalar.Step(action);
            state = dynamics.Step(state, action, ref random, out var reward, out var terminated);

            Assert.Equal(result.Reward, reward);
            Assert.Equal(result.Terminated, terminated);
            expected = result.Observation;
            rewards += (int)reward;
            if (terminated)
            {
                AssertObservation(expected, Observe(dynamics, state), step);
                episodes++;
                expected = scalar.Reset(++seed).Observation;
                state = new BreakoutFastState { Game = scalar.State };
            }
        }

        Assert.True(episodes > 200, $"only {episodes} episodes");
        Assert.True(rewards > 200, $"only {rewards} bricks broken");
    }

    [Fact]
    public void Observe_AnyState_EqualsWriteObservationByteForByte()
    {
        var random = new Random(7);
        var dynamics = new BreakoutFastDynamics(0.1f, true);
        var expected = new bool[BreakoutDynamics.Size * BreakoutDynamics.Size * BreakoutDynamics.Channels];
        for (var k = 0; k < 5_000; k++)
        {
            var game = new BreakoutState
            {
                PaddleX = random.Next(10),
                BallX = random.Next(10),
                BallY = random.Next(10),
                LastX = random.Next(10),
                LastY = random.Next(10),
                Bricks = (uint)random.Next(1 << 30),
            };

            BreakoutDynamics.WriteObservation(game, expected);

            AssertObservation(expected, Observe(dynamics, new BreakoutFastState { Game = game }), k);
        }
    }

    [Fact]
    public void Step_WithStickyActions_RepeatsTheLastMoveExactlyWhenTheDrawFallsBelowTheProbability()
    {
        var dynamics = new BreakoutFastDynamics(0.3f, true);
        var random = FastRandom.FromSeed(3);
        var state = dynamics.Reset(ref random);
        var actions = new Random(2);
        var sticky = 0;
        for (var step = 0; step < 2_000; step++)
        {
            var action = actions.Next(3);
            var draw = random; // the draw Step makes first
            var repeats = draw.NextFloat() < 0.3f;
            var move = repeats ? state.LastMove : BreakoutDynamics.PaddleMove(action, true);
            var game = state.Game;
            var expectedReward = BreakoutDynamics.Step(ref game, move);

            state = dynamics.Step(state, action, ref random, out var reward, out var terminated);

            Assert.Equal(move, state.LastMove);
            Assert.Equal(game, state.Game);
            Assert.Equal(expectedReward, reward);
            Assert.Equal(draw.State, random.State);
            sticky += repeats ? 1 : 0;
            if (terminated)
            {
                state = dynamics.Reset(ref random);
            }
        }

        Assert.InRange(sticky, 500, 700); // 30 % of 2,000
    }

    [Fact]
    public void Reset_DrawsEitherStartingSideAndForgetsTheStickyMove()
    {
        var dynamics = new BreakoutFastDynamics(0.1f, true);
        var random = FastRandom.FromSeed(11);
        var right = 0;
        for (var k = 0; k < 10_000; k++)
        {
            var state = dynamics.Reset(ref random);
            var startRight = state.Game.BallX == BreakoutDynamics.Size - 1;

            Assert.Equal(BreakoutDynamics.Reset(startRight), state.Game);
            Assert.Equal(0, state.LastMove);
            right += startRight ? 1 : 0;
        }

        Assert.InRange(right, 4_800, 5_200);
    }

    private static BreakoutObservation Observe(BreakoutFastDynamics dynamics, in BreakoutFastState state)
    {
        dynamics.Observe(state, out var observation);
        return observation;
    }

    private static void AssertObservation(bool[] expected, BreakoutObservation actual, int step)
    {
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<BreakoutObservation>(in actual));
        Assert.Equal(expected.Length, bytes.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(bytes[k] == (expected[k] ? 1 : 0), $"step {step}, element {k}: expected {expected[k]}, got byte {bytes[k]}");
        }
    }
}
