using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RlGym.Core;
using RlGym.Server.Errors;
using RlGym.Server.Sessions;
using RlGym.TestSupport.Environments;

namespace RlGym.Server.Tests.Sessions;

public class HandleStoreTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Create_Twice_GivesDistinctUnguessable128BitHandles()
    {
        using var store = CreateStore();

        var first = store.Create(MakeCorridor, 1).Handle;
        var second = store.Create(MakeCorridor, 1).Handle;

        Assert.NotEqual(first, second);
        // 16 bytes in unpadded base64url are 22 characters from [A-Za-z0-9_-].
        Assert.Equal(22, first.Length);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", first);
    }

    [Fact]
    public void Create_BeyondMaxHandles_ThrowsLimitNamingItsValue()
    {
        using var store = CreateStore(o => o.MaxHandles = 2);
        store.Create(MakeCorridor, 1);
        store.Create(MakeCorridor, 1);
        var made = 0;

        var error = Assert.Throws<ServerLimitException>(() => store.Create(() => { made++; return MakeCorridor(); }, 1));

        Assert.Contains("MaxHandles = 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, made);
    }

    [Fact]
    public void Create_WhileDraining_ThrowsShuttingDownBeforeMaking()
    {
        using var store = CreateStore();
        _ = store.BeginDrain();
        var made = 0;

        var error = Assert.Throws<ServerShuttingDownException>(() => store.Create(() => { made++; return MakeCorridor(); }, 1));

        Assert.Contains("shutting down", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, made);
        Assert.True(store.IsDraining);
    }

    [Fact]
    public async Task BeginDrain_HandlesOpen_CompletesWhenTheLastOneCloses()
    {
        using var store = CreateStore();
        var first = store.Create(MakeCorridor, 1);
        var second = store.Create(MakeCorridor, 1);

        var emptied = store.BeginDrain();
        await store.CloseAsync(first.Handle, CancellationToken.None);
        var afterFirst = emptied.IsCompleted;
        await store.CloseAsync(second.Handle, CancellationToken.None);

        Assert.False(afterFirst);
        Assert.True(emptied.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Create_AfterClosingAtTheLimit_Succeeds()
    {
        using var store = CreateStore(o => o.MaxHandles = 1);
        var session = store.Create(MakeCorridor, 1);

        await store.CloseAsync(session.Handle, CancellationToken.None);

        Assert.NotNull(store.Create(MakeCorridor, 1));
    }

    [Fact]
    public void Create_WhenMakeThrows_ReleasesTheReservation()
    {
        using var store = CreateStore(o => o.MaxHandles = 1);

        Assert.Throws<ArgumentException>(() => store.Create(() => throw new ArgumentException("bad kwarg"), 1));

        Assert.NotNull(store.Create(MakeCorridor, 1));
    }

    [Fact]
    public void CheckCopies_BeyondLimits_NamesTheLimit()
    {
        using var store = CreateStore(o =>
        {
            o.MaxCopiesPerHandle = 8;
            o.MaxTotalCopies = 4;
        });

        var perHandle = Assert.Throws<ServerLimitException>(() => store.CheckCopies(9));
        var total = Assert.Throws<ServerLimitException>(() => store.CheckCopies(5));

        Assert.Contains("MaxCopiesPerHandle = 8", perHandle.Message, StringComparison.Ordinal);
        Assert.Contains("MaxTotalCopies = 4", total.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownHandle_ThrowsUnknownHandle()
    {
        using var store = CreateStore();

        var error = Assert.Throws<UnknownHandleException>(() => store.Get("nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAsync_Twice_SecondIsUnknownHandle()
    {
        using var store = CreateStore();
        var handle = store.Create(MakeCorridor, 1).Handle;

        await store.CloseAsync(handle, CancellationToken.None);

        await Assert.ThrowsAsync<UnknownHandleException>(() => store.CloseAsync(handle, CancellationToken.None));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task CloseExpired_AfterTheIdleTimeout_ClosesOnlyIdleHandles()
    {
        using var store = CreateStore(o => o.HandleIdleTimeout = TimeSpan.FromMinutes(5));
        var idle = store.Create(MakeCorridor, 1);
        var busy = store.Create(MakeCorridor, 1);
        _time.Advance(TimeSpan.FromMinutes(3));
        await busy.ResetAsync(new Protocol.V1.ResetRequest { Seed = 1 }, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        var closed = store.CloseExpired();

        Assert.Equal(1, closed);
        Assert.Throws<UnknownHandleException>(() => store.Get(idle.Handle));
        Assert.Same(busy, store.Get(busy.Handle));
    }

    [Fact]
    public void CloseExpired_BeforeTheIdleTimeout_ClosesNothing()
    {
        using var store = CreateStore(o => o.HandleIdleTimeout = TimeSpan.FromMinutes(5));
        store.Create(MakeCorridor, 1);
        _time.Advance(TimeSpan.FromMinutes(4.9));

        Assert.Equal(0, store.CloseExpired());
    }

    [Fact]
    public void CloseExpired_ConnectionClosedForTheLease_ClosesTheHandleAndReleasesItsCopies()
    {
        using var store = CreateStore(o => (o.HandleLease, o.MaxTotalCopies) = (TimeSpan.FromSeconds(10), 4));
        var session = store.Create(MakeCorridor, 4);
        session.Connection = ClosedConnection();
        _time.Advance(TimeSpan.FromSeconds(10));

        var closed = store.CloseExpired();

        Assert.Equal(1, closed);
        var error = Assert.Throws<UnknownHandleException>(() => store.Get(session.Handle));
        Assert.Contains("00:00:10 after its client's connection closed", error.Message, StringComparison.Ordinal);
        store.CheckCopies(4);
    }

    [Fact]
    public void CloseExpired_ConnectionClosedWithinTheLease_KeepsTheHandle()
    {
        using var store = CreateStore(o => o.HandleLease = TimeSpan.FromSeconds(10));
        var session = store.Create(MakeCorridor, 1);
        session.Connection = ClosedConnection();
        _time.Advance(TimeSpan.FromSeconds(9.9));

        Assert.Equal(0, store.CloseExpired());
    }

    [Fact]
    public void CloseExpired_ConnectionOpenLongPastTheLease_KeepsTheHandle()
    {
        using var store = CreateStore(o => o.HandleLease = TimeSpan.FromSeconds(10));
        var session = store.Create(MakeCorridor, 1);
        session.Connection = new ClientConnection("open");
        _time.Advance(TimeSpan.FromMinutes(29));

        Assert.Equal(0, store.CloseExpired());
    }

    [Fact]
    public void CloseExpired_RequestOnAnotherConnectionWithinTheLease_KeepsTheHandle()
    {
        using var store = CreateStore(o => o.HandleLease = TimeSpan.FromSeconds(10));
        var session = store.Create(MakeCorridor, 1);
        session.Connection = ClosedConnection();
        _time.Advance(TimeSpan.FromSeconds(5));
        session.Connection = new ClientConnection("reconnected");
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, store.CloseExpired());
    }

    [Fact]
    public void CloseExpired_LeaseDisabled_KeepsTheHandleOfAClosedConnection()
    {
        using var store = CreateStore(o => o.HandleLease = TimeSpan.Zero);
        var session = store.Create(MakeCorridor, 1);
        session.Connection = ClosedConnection();
        _time.Advance(TimeSpan.FromMinutes(29));

        Assert.Equal(0, store.CloseExpired());
    }

    [Fact]
    public void CloseExpired_DrainingWithinTheLease_ClosesHandlesOfClosedConnectionsOnly()
    {
        using var store = CreateStore(o => o.HandleLease = TimeSpan.FromSeconds(10));
        var gone = store.Create(MakeCorridor, 1);
        gone.Connection = ClosedConnection();
        var living = store.Create(MakeCorridor, 1);
        living.Connection = new ClientConnection("open");
        var emptied = store.BeginDrain();

        var closed = store.CloseExpired();

        Assert.Equal(1, closed);
        Assert.Throws<UnknownHandleException>(() => store.Get(gone.Handle));
        Assert.Same(living, store.Get(living.Handle));
        Assert.False(emptied.IsCompleted);
    }

    private ClientConnection ClosedConnection()
    {
        var connection = new ClientConnection("gone");
        connection.Close(_time.GetUtcNow());
        return connection;
    }

    private static IEnv MakeCorridor() => TestEnvironments.CreateRegistry().Make(TestEnvironments.CorridorId);

    private HandleStore CreateStore(Action<RlGymServerOptions>? configure = null)
    {
        var options = new RlGymServerOptions();
        configure?.Invoke(options);
        return new HandleStore(Options.Create(options), _time, NullLogger<HandleStore>.Instance);
    }
}
