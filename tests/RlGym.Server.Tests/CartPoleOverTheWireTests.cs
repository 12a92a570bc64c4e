using RlGym.Core.Rendering;
using RlGym.Core.Spaces;
using RlGym.Environments;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;
using RlGym.TestSupport.Gymnasium;
using RlGym.TestSupport.Server;
using EnvironmentsClient = RlGym.Protocol.V1.Environments.EnvironmentsClient;

namespace RlGym.Server.Tests;

/// <summary>The built-in CartPole-v1 through the real server, compared with the Gymnasium fixtures.</summary>
public class CartPoleOverTheWireTests
{
    private static readonly GymnasiumFixture Fixture = GymnasiumFixture.Load("CartPole-v1.json");

    [Fact]
    public async Task CreateEnvironment_CartPole_DescribesGymnasiumsSpacesAndSpec()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = new EnvironmentsClient(server.CreateChannel());

        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1" });

        var observationSpace = Assert.IsType<Box<float>>(SpaceCodec.Decode(created.ObservationSpace));
        Assert.Equal([4], observationSpace.Shape);
        Assert.Equal("Discrete(2)", SpaceCodec.Decode(created.ActionSpace).ToString());
        Assert.Equal(Fixture.Root.GetProperty("spec").GetProperty("max_episode_steps").GetInt32(), created.Spec.MaxEpisodeSteps);
        Assert.Equal(Fixture.Root.GetProperty("spec").GetProperty("reward_threshold").GetDouble(), created.Spec.RewardThreshold);
        Assert.Equal(RewardType.Float, created.Metadata.RewardType);
        Assert.Contains("rgb_array", created.Metadata.RenderModes);
    }

    [Fact]
    public async Task ListEnvironments_BuiltInRegistry_DescribesEveryRegisteredId()
    {
        var registry = BuiltInEnvironments.CreateRegistry();
        await using var server = await LoopbackServer.StartAsync(registry);
        var client = new EnvironmentsClient(server.CreateChannel());

        var list = await client.ListEnvironmentsAsync(new ListEnvironmentsRequest());

        Assert.Equal(registry.Specs.Select(s => s.Id), list.Environments.Select(e => e.Spec.Id));
        Assert.All(list.Environments, e =>
        {
            Assert.NotNull(SpaceCodec.Decode(e.ObservationSpace));
            Assert.NotNull(SpaceCodec.Decode(e.ActionSpace));
            Assert.Equal("built-in", e.Source);
        });
    }

    [Fact]
    public async Task Session_FixtureRuns_MatchGymnasiumStepForStep()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = new EnvironmentsClient(server.CreateChannel());
        using var call = client.Session();
        ulong requestId = 0;

        async Task<SessionResponse> SendAsync(SessionRequest request)
        {
            request.RequestId = ++requestId;
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(default));
            Assert.Equal(requestId, call.ResponseStream.Current.RequestId);
            return call.ResponseStream.Current;
        }

        foreach (var run in Fixture.Runs)
        {
            var handle = (await SendAsync(new SessionRequest { Create = new CreateEnvironmentRequest { EnvId = "CartPole-v1" } })).Create.Handle;
            ulong sequence = 0;
            foreach (var episode in run.Episodes)
            {
                var reset = new ResetRequest { Handle = handle, Sequence = ++sequence };
                if (episode.ResetSeed is { } seed)
                {
                    reset.Seed = seed;
                }

                var resetResponse = (await SendAsync(new SessionRequest { Reset = reset })).Reset;
                Assert.Equal(GymnasiumFixture.ToFloatArray(episode.ResetObservation), TensorCodec.Decode<float>(resetResponse.Observation.Tensor));
                for (var t = 0; t < episode.Length; t++)
                {
                    var action = new Value { IntValue = episode.Actions[t].GetInt32() };
                    var step = (await SendAsync(new SessionRequest { Step = new StepRequest { Handle = handle, Action = action, Sequence = ++sequence } })).Step;
                    var where = $"in {run}, step {t}";
                    Assert.True(GymnasiumFixture.ToFloatArray(episode.Observations[t]).SequenceEqual(TensorCodec.Decode<float>(step.Observation.Tensor)), $"observation differs {where}");
                    Assert.Equal(new[] { GymnasiumFixture.ToDouble(episode.Rewards[t]) }, TensorCodec.Decode<double>(step.Reward));
                    Assert.Equal(new[] { episode.TerminatedAt(t) }, TensorCodec.Decode<bool>(step.Terminated));
                    Assert.Equal(new[] { episode.TruncatedAt(t) }, TensorCodec.Decode<bool>(step.Truncated));
                    Assert.Empty(step.Info);
                }
            }

            await SendAsync(new SessionRequest { Close = new CloseEnvironmentRequest { Handle = handle } });
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(default));
    }

    [Fact]
    public async Task Render_CartPoleRgbArray_IsThePngOfTheEnvironmentsFrame()
    {
        await using var server = await LoopbackServer.StartAsync(BuiltInEnvironments.CreateRegistry());
        var client = new EnvironmentsClient(server.CreateChannel());
        var created = await client.CreateEnvironmentAsync(new CreateEnvironmentRequest { EnvId = "CartPole-v1", RenderMode = "rgb_array" });
        await client.ResetAsync(new ResetRequest { Handle = created.Handle, Seed = 42 });
        using var local = Gym.Make<float[], int>("CartPole-v1", renderMode: "rgb_array");
        local.Reset(42);
        var expected = (RgbFrame)local.Render()!;

        var frame = Assert.Single((await client.RenderAsync(new RenderRequest { Handle = created.Handle })).Frames).Image;

        Assert.Equal((400, 600), (frame.Height, frame.Width));
        Assert.Equal(expected.Pixels, PngDecoder.Decode(frame.Png.ToByteArray()).Pixels);
    }
}
