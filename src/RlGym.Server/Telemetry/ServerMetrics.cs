using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using RlGym.Protocol.V1;

namespace RlGym.Server.Telemetry;

/// <summary>
/// The server's instruments, on the meter <see cref="MeterName"/> (made by the app's <see cref="IMeterFactory"/>, so it
/// lives and dies with the app). OpenTelemetry exports them (see <see cref="RlGymServerOptions.MetricsPort"/>); the
/// Prometheus names are in brackets: steps applied per environment id, copies counted
/// (<c>rlgym_env_steps_total{env_id}</c>), open handles (<c>rlgym_handles_open</c>), step duration
/// (<c>rlgym_step_duration_seconds{env_id}</c>), failed calls by status code (<c>rlgym_requests_failed_total{code}</c>)
/// and open client connections (<c>rlgym_connections</c>).
/// </summary>
/// <remarks>
/// Recording costs an interlocked add for the running totals (<see cref="Snapshot"/>, answered by GetServerStatus)
/// and nothing more while no listener (no exporter) is enabled. A repeated sequenced step, answered from the stored
/// response, is not a step: only steps the environment applied are counted.
/// </remarks>
internal sealed class ServerMetrics
{
    /// <summary>The name of the server's <see cref="Meter"/>.</summary>
    public const string MeterName = "RlGym.Server";

    /// <summary>The tag naming the environment id.</summary>
    public const string EnvIdTag = "env_id";

    /// <summary>The tag naming a failed call's gRPC status code (the <see cref="StatusCode"/> name, e.g. <c>NotFound</c>).</summary>
    public const string CodeTag = "code";

    /// <summary>The server assembly's version without its source-revision suffix, e.g. <c>0.1.0</c>.</summary>
    private static readonly string ServerVersion =
        typeof(ServerMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ServerMetrics).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static readonly PathString ServicePath = "/" + RlGym.Protocol.V1.Environments.Descriptor.FullName;

    private readonly Counter<long> _steps;
    private readonly Histogram<double> _stepDuration;
    private readonly UpDownCounter<long> _handles;
    private readonly Counter<long> _failed;
    private readonly UpDownCounter<long> _connections;
    private readonly TimeProvider _time;
    private readonly long _started;
    private long _stepsTotal;
    private long _handlesOpen;
    private long _failedTotal;
    private long _connectionsOpen;
    private long _attachments;

    public ServerMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _started = time.GetTimestamp();
        var meter = meterFactory.Create(MeterName);
        _steps = meter.CreateCounter<long>("rlgym.env.steps", description: "Environment steps applied, each copy of a vector environment counted.");
        _stepDuration = meter.CreateHistogram<double>("rlgym.step.duration", unit: "s",
            description: "Time the environment took to apply one Step call (all copies of a vector environment together).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05, 0.1, 0.5, 1] });
        _handles = meter.CreateUpDownCounter<long>("rlgym.handles.open", description: "Environment handles open now.");
        _failed = meter.CreateCounter<long>("rlgym.requests.failed", description: "rlgym.v1.Environments calls answered with an error status, by status code.");
        _connections = meter.CreateUpDownCounter<long>("rlgym.connections", description: "Client connections open now, over every gRPC and gRPC-Web endpoint.");
    }

    /// <summary>Records one applied Step call of <paramref name="copies"/> copies of <paramref name="envId"/> that took <paramref name="elapsed"/>.</summary>
    public void StepApplied(string envId, int copies, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>(EnvIdTag, envId);
        Interlocked.Add(ref _stepsTotal, copies);
        _steps.Add(copies, tag);
        _stepDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>Records a handle opened (+1) or closed (-1).</summary>
    public void HandlesChanged(int delta)
    {
        Interlocked.Add(ref _handlesOpen, delta);
        _handles.Add(delta);
    }

    /// <summary>
    /// Middleware that records every rlgym.v1.Environments call answered with an error status, whoever answered it:
    /// a handler, an interceptor, or grpc-dotnet itself before any handler runs (a message that does not parse or is
    /// too large, an unknown method). The status is in the trailers, or in the headers of a trailers-only answer.
    /// </summary>
    public RequestDelegate CountFailedCalls(RequestDelegate next) => async context =>
    {
        await next(context).ConfigureAwait(false);
        if (!context.Request.Path.StartsWithSegments(ServicePath, StringComparison.Ordinal))
        {
            return;
        }

        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer
            : context.Response.Headers["grpc-status"];
        if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code != (int)StatusCode.OK)
        {
            RequestFailed((StatusCode)code);
        }
    };

    /// <summary>Records a call answered with <paramref name="code"/>.</summary>
    public void RequestFailed(StatusCode code)
    {
        Interlocked.Increment(ref _failedTotal);
        _failed.Add(1, new KeyValuePair<string, object?>(CodeTag, code.ToString()));
    }

    /// <summary>Records a client connection opened (+1) or closed (-1).</summary>
    public void ConnectionsChanged(int delta)
    {
        Interlocked.Add(ref _connectionsOpen, delta);
        _connections.Add(delta);
    }

    /// <summary>Records a shared-memory attachment opened (+1) or freed (-1).</summary>
    public void AttachmentsChanged(int delta) => Interlocked.Add(ref _attachments, delta);

    /// <summary>The running totals as the protocol's <see cref="ServerStatus"/>.</summary>
    public ServerStatus Snapshot() => new()
    {
        Version = ServerVersion,
        UptimeSeconds = _time.GetElapsedTime(_started).TotalSeconds,
        HandlesOpen = Interlocked.Read(ref _handlesOpen),
        EnvStepsTotal = Interlocked.Read(ref _stepsTotal),
        Connections = Interlocked.Read(ref _connectionsOpen),
        RequestsFailedTotal = Interlocked.Read(ref _failedTotal),
        SharedMemoryAttachments = Interlocked.Read(ref _attachments),
    };
}
