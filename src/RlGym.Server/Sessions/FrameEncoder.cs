using System.IO.Compression;
using Google.Protobuf;
using RlGym.Core.Rendering;
using RlGym.Protocol.Conversions;
using RlGym.Protocol.V1;

namespace RlGym.Server.Sessions;

/// <summary>Encodes an <see cref="RgbFrame"/> as an <see cref="Image"/> in the requested <see cref="FrameEncoding"/>.</summary>
internal static class FrameEncoder
{
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
