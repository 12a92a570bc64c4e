namespace RlGym.Core.Rendering;

/// <summary>One rendered frame: an <see cref="RgbFrame"/> or an <see cref="AnsiText"/>.</summary>
public abstract record Rendering;
