using System.IO.Compression;
using Google.Protobuf;
using RlGym.Core.Rendering;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Server.Sessions;

/// <summary>Encodes an <see cref="RgbFrame"/> as an <see cref="Image"/> in the requested <see cref="FrameEncoding"/>.</summary>
internal static class FrameEncoder
{
    /// <summary>The frame message of one rendering: text, or an image in <paramref name="encoding"/>; empty for none.</summary>
    public static Frame ToFrame(Rendering? rendering, FrameEncoding encoding) => rendering switch
    {
        null => new Frame(),
        AnsiText text => new Frame { Text = text.Text },
        RgbFrame frame => new Frame { Image = Encode(frame, encoding) },
        var other => throw new NotSupportedException($"Frames of type {other.GetType().Name} cannot be sent."),
    };

    public static Image Encode(RgbFrame frame, FrameEncoding encoding)
    {
        var image = new Image { Height = frame.Height, Width = frame.Width };
        switch (encoding)
        {
            case FrameEncoding.Raw:
                // Copied: an environment may reuse its frame buffer for the next render.
                image.Pixels = TensorCodec.Encode(frame.Pixels, [frame.Height, frame.Width, 3]);
                break;
            case FrameEncoding.Unspecified:
            case FrameEncoding.Png:
                // Fastest: rendering is interactive; the size difference to Optimal is small for flat-colour frames.
                image.Png = UnsafeByteOperations.UnsafeWrap(PngEncoder.Encode(frame, CompressionLevel.Fastest));
                break;
            default:
                throw new ArgumentException($"Unknown frame encoding {(int)encoding}; use FRAME_ENCODING_PNG or FRAME_ENCODING_RAW.");
        }

        return image;
    }
}
