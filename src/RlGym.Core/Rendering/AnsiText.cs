namespace RlGym.Core.Rendering;

/// <summary>A frame rendered as text (Gymnasium's <c>ansi</c> mode), possibly with ANSI colour codes.</summary>
public sealed record AnsiText(string Text) : Rendering;
