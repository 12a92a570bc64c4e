namespace RlGym.Environments.ClassicControl;

/// <summary>
/// Which NumPy scalar promotion rules an environment reproduces. It only matters where Gymnasium mixes float32 scalars
/// with Python numbers (MountainCarContinuous-v0 and Pendulum-v1); the other environments are identical under both.
/// </summary>
public enum NumpyPromotion
{
    /// <summary>
    /// NumPy 2 (NEP 50): <c>float32 op python_float</c> stays float32, the Python number rounded to float32 first.
    /// What current Gymnasium installs compute, hence the default.
    /// </summary>
    NumPy2,

    /// <summary>NumPy 1.x ("legacy"): <c>float32_scalar op python_number</c> is computed in float64.</summary>
    Legacy,
}
