using RlGym.Agents.Common;
using RlGym.Agents.Continuous;

namespace RlGym.Agents.Tests.Common;

public class NativeHeapTests
{
    [Fact]
    public void Train_SacWithTheDefaultNetworks_ReusesEachUpdatesMemoryInsteadOfFaultingItBackIn()
    {
        // 200 updates of SAC's 256-wide actor and critics on batches of 256, after a first identical training has
        // touched the memory they need. With glibc's default thresholds the memory an update freed went back to the
        // kernel and came back as page faults in the next (~100,000 here); kept, the second training faults almost none.
        var request = AgentsTestHelpers.TargetReach(300, overrides: new Dictionary<string, string> { ["learning_starts"] = "100" });
        TorchSetup.EnsureInitialized();
        new SacAlgorithm().Train(request).Policy.Dispose();

        var before = MinorFaultsOfThisThread();
        new SacAlgorithm().Train(request).Policy.Dispose();
        var faults = MinorFaultsOfThisThread() - before;

        Assert.True(faults < 20_000, $"{faults} page faults in 200 updates");
    }

    // Field 10 of /proc/thread-self/stat, counted after the command name (which may hold spaces and parentheses).
    private static long MinorFaultsOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }
}
