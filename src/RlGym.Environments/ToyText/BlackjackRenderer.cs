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
        canvas.DrawFrame(FaceUpCard(env.DealerCardRank, env.DealerCardSuit), (ScreenWidth / 2) - CardWidth - (Spacing / 2), cardTop);
        canvas.DrawFrame(FaceDownCard(), (ScreenWidth / 2) + (Spacing / 2), cardTop);

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

    // Cards are drawn on their own canvas (felt in the rounded corners), so nothing drawn on a card leaves it.
    private static void CardShape(Canvas card, Color border, Color face)
    {
        const int Radius = 10;
        card.FillRectangle(Radius, 0, CardWidth - (2 * Radius), CardHeight, border);
        card.FillRectangle(0, Radius, CardWidth, CardHeight - (2 * Radius), border);
        foreach (var (cx, cy) in new[] { (Radius, Radius), (CardWidth - Radius, Radius), (Radius, CardHeight - Radius), (CardWidth - Radius, CardHeight - Radius) })
        {
            card.FillCircle(cx, cy, Radius, border);
        }

        card.FillRectangle(3, Radius, CardWidth - 6, CardHeight - (2 * Radius), face);
        card.FillRectangle(Radius, 3, CardWidth - (2 * Radius), CardHeight - 6, face);
    }

    private static RgbFrame FaceUpCard(string rank, string suit)
    {
        var card = new Canvas(CardHeight, CardWidth, Felt);
        CardShape(card, new Color(160, 160, 160), White);
        var ink = suit is "D" or "H" ? RedInk : Ink;
        card.DrawText(9, 9, rank, 4, ink);
        Suit(card, suit, 18, 54, 10, ink);
        var (rankWidth, rankHeight) = Canvas.MeasureText(rank, 4);
        card.DrawText(CardWidth - 9 - rankWidth, CardHeight - 9 - rankHeight, rank, 4, ink);
        Suit(card, suit, CardWidth / 2, (CardHeight / 2) + 4, 26, ink);
        return card.ToFrame();
    }

    private static RgbFrame FaceDownCard()
    {
        var card = new Canvas(CardHeight, CardWidth, Felt);
        CardShape(card, White, White);
        var back = new Canvas(CardHeight - 20, CardWidth - 20, new Color(40, 60, 160));
        var line = new Color(90, 110, 210);
        for (var d = -back.Height; d < back.Width; d += 14)
        {
            back.DrawLine(d, 0, d + back.Height, back.Height, 2, line);
            back.DrawLine(d, back.Height, d + back.Height, 0, 2, line);
        }

        card.DrawFrame(back.ToFrame(), 10, 10);
        return card.ToFrame();
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
