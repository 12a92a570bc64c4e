using static TorchSharp.torch.nn;

namespace RlGym.Agents.Common;

/// <summary>Loads a module's weights from a checkpoint file with errors that name the file.</summary>
internal static class ModelFiles
{
    public static void Load(Module module, string path, IDisposable owner)
    {
        try
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The checkpoint's model file {path} is missing.", path);
            }

            try
            {
                module.load(path);
            }
            catch (Exception e) when (e is not FileNotFoundException)
            {
                throw new InvalidDataException($"{path} is corrupt or does not match the network described in checkpoint.json: {e.Message}", e);
            }
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }
}
