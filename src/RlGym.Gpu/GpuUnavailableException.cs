namespace RlGym.Gpu;

/// <summary>No CUDA device is available to ILGPU; the message names what was found instead.</summary>
/// <param name="message">What was asked for and which accelerators were found.</param>
public sealed class GpuUnavailableException(string message) : InvalidOperationException(message);
