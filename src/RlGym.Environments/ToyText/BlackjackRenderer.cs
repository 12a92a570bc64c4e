using System.Globalization;
using RlGym.Core.Rendering;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Draws Blackjack frames with Gymnasium's layout (500 x 600, green felt (7, 99, 36), white text): "Dealer: N" at the
/// top left, the dealer's face-up card (its drawn suit and rank) beside a face-down card, both a third of the
/// height tall, then "Player", the player's sum in large digits and, when they hold one, "usable ace".
/// </summary>
internal static class BlackjackRenderer
{
    private const int ScreenWidth = 600;
    private const int ScreenHeight = 500;
    private const int CardHeight = ScreenHeight / 3;
    private const int CardWidth = CardHeight * 142 / 197;
    private const int Spacing = ScreenHeight / 20;
    private const int SmallScale = 4;
    private const int LargeScale = 12;
    private static readonly Color Felt = new(7, 99, 36);
    private static readonly Color White = new(255, 255, 255);
    private static readonly Color Ink = new(20, 20, 20);
    private static readonly Color RedInk = new(200, 30, 30);

    /// <summary>Renders <paramref name="env"/>'s current state.</summary>
    public static RgbFrame Render(BlackjackEnv env)
    {
        var canvas = new Canvas(ScreenHeight, ScreenWidth, Felt);
        var playerSum = BlackjackEnv.SumHand(env.PlayerCards);
        var dealerCard = env.DealerCards[0];

        var dealerText = "Dealer: " + dealerCard.ToString(CultureInfo.InvariantCulture);
        canvas.DrawText(Spacing, Spacing, dealerText, SmallScale, White);
        var cardTop = Spacing + Canvas.MeasureText(dealerText, SmallScale).Height + Spacing;
        FaceUpCard(canvas, (ScreenWidth / 2) - CardWidth - (Spacing / 2), cardTop, env.DealerCardRank, env.DealerCardSuit);
        FaceDownCard(canvas, (ScreenWidth / 2) + (Spacing / 2), cardTop);

        var playerTop = cardTop + CardHeight + (Spacing * 3 / 2);
        canvas.DrawText(Spacing, playerTop, "Player", SmallScale, White);
        var sumText = playerSum.ToString(CultureInfo.InvariantCulture);
        var sumSize = Canvas.MeasureText(sumText, LargeScale);
        var sumTop = playerTop + Canvas.MeasureText("Player", SmallScale).Height + Spacing;
        canvas.DrawText((ScreenWidth / 2) - (sumSize.Width / 2), sumTop, sumText, LargeScale, White);
        if (BlackjackEnv.UsableAce(env.PlayerCards))
        {
            var aceSize = Canvas.MeasureText("usable ace", SmallScale);
            canvas.DrawText((ScreenWidth / 2) - (aceSize.Width / 2), sumTop + sumSize.Height + (Spacing / 2), "usable ace", SmallScale, White);
        }

        return canvas.ToFrame();
    }

    private static void CardShape(Canvas canvas, int x, int y, Color border, Color face)
    {
        const int Radius = 10;
        canvas.FillRectangle(x + Radius, y, CardWidth - (2 * Radius), CardHeight, border);
        canvas.FillRectangle(x, y + Radius, CardWidth, CardHeight - (2 * Radius), border);
        foreach (var (cx, cy) in new[] { (x + Radius, y + Radius), (x + CardWidth - Radius, y + Radius), (x + Radius, y + CardHeight - Radius), (x + CardWidth - Radius, y + CardHeight - Radius) })
        {
            canvas.FillCircle(cx, cy, Radius, border);
        }

        canvas.FillRectangle(x + 3, y + Radius, CardWidth - 6, CardHeight - (2 * Radius), face);
        canvas.FillRectangle(x + Radius, y + 3, CardWidth - (2 * Radius), CardHeight - 6, face);
    }

    private static void FaceUpCard(Canvas canvas, int x, int y, string rank, string suit)
    {
        CardShape(canvas, x, y, new Color(160, 160, 160), White);
        var ink = suit is "D" or "H" ? RedInk : Ink;
        canvas.DrawText(x + 9, y + 9, rank, 4, ink);
        Suit(canvas, suit, x + 18, y + 54, 10, ink);
        var (rankWidth, rankHeight) = Canvas.MeasureText(rank, 4);
        canvas.DrawText(x + CardWidth - 9 - rankWidth, y + CardHeight - 9 - rankHeight, rank, 4, ink);
        Suit(canvas, suit, x + (CardWidth / 2), y + (CardHeight / 2) + 4, 26, ink);
    }

    private static void FaceDownCard(Canvas canvas, int x, int y)
    {
        CardShape(canvas, x, y, White, new Color(40, 60, 160));
        var line = new Color(90, 110, 210);
        for (var d = -CardHeight; d < CardWidth + CardHeight; d += 14)
        {
            canvas.DrawLine(x + d, y + 10, x + d + CardHeight - 20, y + CardHeight - 10, 2, line);
            canvas.DrawLine(x + d, y + CardHeight - 10, x + d + CardHeight - 20, y + 10, 2, line);
        }

        // Repaint the white margin the lattice ran over.
        canvas.FillRectangle(x + 3, y + 3, CardWidth - 6, 7, White);
        canvas.FillRectangle(x + 3, y + CardHeight - 10, CardWidth - 6, 7, White);
        canvas.FillRectangle(x, y + 10, 10, CardHeight - 20, White);
        canvas.FillRectangle(x + CardWidth - 10, y + 10, 10, CardHeight - 20, White);
    }

    /// <summary>A suit symbol centred at (<paramref name="cx"/>, <paramref name="cy"/>), about 2 * <paramref name="r"/> wide.</summary>
    private static void Suit(Canvas canvas, string suit, double cx, double cy, double r, Color color)
    {
        switch (suit)
        {
            case "D":
                canvas.FillPolygon([(cx, cy - (1.2 * r)), (cx + (0.85 * r), cy), (cx, cy + (1.2 * r)), (cx - (0.85 * r), cy)], color, antiAlias: true);
                break;
            case "H":
                canvas.FillCircle(cx - (0.5 * r), cy - (0.35 * r), 0.55 * r, color);
                canvas.FillCircle(cx + (0.5 * r), cy - (0.35 * r), 0.55 * r, color);
                canvas.FillPolygon([(cx - (1.03 * r), cy - (0.2 * r)), (cx + (1.03 * r), cy - (0.2 * r)), (cx, cy + r)], color, antiAlias: true);
                break;
            case "S":
                canvas.FillCircle(cx - (0.5 * r), cy + (0.2 * r), 0.55 * r, color);
                canvas.FillCircle(cx + (0.5 * r), cy + (0.2 * r), 0.55 * r, color);
                canvas.FillPolygon([(cx - (1.03 * r), cy + (0.05 * r)), (cx + (1.03 * r), cy + (0.05 * r)), (cx, cy - (1.1 * r))], color, antiAlias: true);
                canvas.FillPolygon([(cx, cy + (0.2 * r)), (cx + (0.35 * r), cy + (1.1 * r)), (cx - (0.35 * r), cy + (1.1 * r))], color, antiAlias: true);
                break;
            default:
                canvas.FillCircle(cx, cy - (0.5 * r), 0.45 * r, color);
                canvas.FillCircle(cx - (0.5 * r), cy + (0.15 * r), 0.45 * r, color);
                canvas.FillCircle(cx + (0.5 * r), cy + (0.15 * r), 0.45 * r, color);
                canvas.FillPolygon([(cx, cy), (cx + (0.3 * r), cy + (1.1 * r)), (cx - (0.3 * r), cy + (1.1 * r))], color, antiAlias: true);
                break;
        }
    }
}
