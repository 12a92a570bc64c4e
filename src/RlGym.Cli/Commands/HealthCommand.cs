using System.CommandLine;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using RlGym.Server;

namespace RlGym.Cli.Commands;

/// <summary>
/// <c>rlgym health [--address URL] [--service NAME] [--timeout SECONDS]</c>: asks a server's grpc.health.v1 service
/// whether it is serving; exit code 0 when it is, 1 otherwise. The container image's health check runs it.
/// </summary>
internal sealed class HealthCommand : Command
{
    private readonly Option<string> _address = new("--address") { Description = "Server address. Default http://127.0.0.1:50051.", DefaultValueFactory = _ => "http://127.0.0.1:50051" };
    private readonly Option<string> _service = new("--service") { Description = $"Service to ask about; empty means the whole server. Default {RlGymServer.HealthServiceName}.", DefaultValueFactory = _ => RlGymServer.HealthServiceName };
    private readonly Option<double> _timeout = new("--timeout") { Description = "Seconds to wait for the answer. Default 3.", DefaultValueFactory = _ => 3, CustomParser = CliValues.PositiveSeconds };

    public HealthCommand()
        : base("health", "Check that a server answers grpc.health.v1 with SERVING (exit code 0) or not (1).")
    {
        Add(_address);
        Add(_service);
        Add(_timeout);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var address = parseResult.GetValue(_address)!;
        using var channel = GrpcChannel.ForAddress(address);
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest { Service = parseResult.GetValue(_service) ?? "" },
                deadline: DateTime.UtcNow.AddSeconds(parseResult.GetValue(_timeout)),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{address}: {reply.Status}").ConfigureAwait(false);
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                $"rlgym health: Cannot reach the server at {address}: {e.StatusCode} ({e.Status.Detail})").ConfigureAwait(false);
            return CliErrors.Failure;
        }
        catch (RpcException e)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"rlgym health: {address}: {e.StatusCode} ({e.Status.Detail})").ConfigureAwait(false);
            return CliErrors.Failure;
        }
    }
}
