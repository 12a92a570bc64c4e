using RlGym.Client;

namespace RlGym.Cli.Tests;

public sealed class CliErrorsTests
{
    [Fact]
    public void Message_ArgumentExceptionWithParameter_DropsTheParameterSuffix()
    {
        var message = CliErrors.Message(new ArgumentException("Unknown option 'x'; allowed: a, b.", "overrides"));

        Assert.Equal("Unknown option 'x'; allowed: a, b.", message);
    }

    [Fact]
    public void Message_MultiLine_IsOneLine()
    {
        var message = CliErrors.Message(new ArgumentOutOfRangeException("episodes", 0, "Must be at least 1."));

        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData(typeof(FileNotFoundException), true)]
    [InlineData(typeof(InvalidDataException), true)]
    [InlineData(typeof(KeyNotFoundException), true)]
    [InlineData(typeof(RlGym.Server.Plugins.PluginLoadException), true)]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(IndexOutOfRangeException), false)]
    public void IsUserError_Type_SeparatesBadInputFromBugs(Type type, bool expected)
    {
        var exception = (Exception)Activator.CreateInstance(type)!;

        Assert.Equal(expected, CliErrors.IsUserError(exception));
    }

    [Fact]
    public void IsUserError_UnreachableServer_IsOne()
    {
        Assert.True(CliErrors.IsUserError(new RemoteEnvException(Grpc.Core.StatusCode.Unavailable, "no server")));
    }

    [Theory]
    [InlineData(typeof(RlGym.Core.UnknownEnvironmentException), 2)]
    [InlineData(typeof(ArgumentException), 2)]
    [InlineData(typeof(FormatException), 2)]
    [InlineData(typeof(FileNotFoundException), 1)]
    [InlineData(typeof(RlGym.Server.Plugins.PluginLoadException), 1)]
    public void Describe_ExpectedError_ExitsUsageOrFailure(Type type, int exitCode)
    {
        var exception = (Exception)Activator.CreateInstance(type, "what was wrong")!;

        var (line, code) = CliErrors.Describe(exception);

        Assert.Equal("what was wrong", line);
        Assert.Equal(exitCode, code);
    }
}
