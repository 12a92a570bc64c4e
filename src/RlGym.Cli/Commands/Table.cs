namespace RlGym.Cli.Commands;

/// <summary>A plain-text table with left-aligned columns sized to their widest cell.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Rows added so far.</summary>
    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(TextWriter output)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        WriteRow(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths) =>
        output.WriteLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
}
