using RlGym.Core.Dynamics;
using RlGym.Core.Vector;

namespace RlGym.Environments.Tests.Fast;

/// <summary>Element-wise |exact - fast| within a tolerance, naming the step and element that strays.</summary>
internal static class DynamicsAssert
{
    public static void Close(double[] exact, float[] fast, double tolerance, int step)
    {
        for (var k = 0; k < exact.Length; k++)
        {
            var error = Math.Abs(exact[k] - fast[k]);
            Assert.True(error <= tolerance, $"step {step}, element {k}: exact {exact[k]}, fast {fast[k]}, |error| {error:E2} > {tolerance:E0}");
        }
    }
}
