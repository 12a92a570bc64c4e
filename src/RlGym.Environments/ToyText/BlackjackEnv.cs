using RlGym.Core;
using RlGym.Core.Rendering;
using RlGym.Core.Spaces;

namespace RlGym.Environments.ToyText;

/// <summary>
/// Blackjack (Gymnasium <c>Blackjack-v1</c>): get a hand closer to 21 than the dealer's without going over.
/// </summary>
/// <remarks>
/// <para><b>Description.</b> Cards come from an infinite deck (drawn with replacement): aces count 1 or 11, number
/// cards their value, J, Q and K count 10 (so a 10-value card has probability 4/13). The dealer has one card face up
/// and one face down; the player sees both of theirs. The player hits until they stick or bust (over 21, an immediate
/// loss). Then the dealer reveals the hidden card and draws until their sum is 17 or more; a dealer bust is a win.
/// Otherwise the sum closer to 21 wins. Example 5.1 of Sutton and Barto's <i>Reinforcement Learning: An
/// Introduction</i>.</para>
/// <para><b>Action Space.</b> <c>Discrete(2)</c>: 0 stick, 1 hit.</para>
/// <para><b>Observation Space.</b> <c>Tuple(Discrete(32), Discrete(11), Discrete(2))</c>, an <c>object[]</c> of
/// three <c>int</c>s:</para>
/// <list type="table">
/// <listheader><term>Index</term><description>Meaning</description></listheader>
/// <item><term>0</term><description>the player's sum (an ace counts 11 when that keeps the sum at most 21; above 21 after a bust)</description></item>
/// <item><term>1</term><description>the dealer's face-up card, 1 (ace) to 10</description></item>
/// <item><term>2</term><description>1 when the player holds an ace counted as 11, else 0</description></item>
/// </list>
/// <para><b>Rewards.</b> Floats: win +1, lose -1, draw 0; a winning natural (ace and a 10-value card) pays +1.5 when
/// <c>natural</c> is true and <c>sab</c> false.</para>
/// <para><b>Starting State.</b> Four cards are drawn, dealer's two then the player's two, then the face-up card's
/// suit and (only for a 10) its face, which matter for rendering only but still consume random numbers. Info is
/// <c>{}</c>.</para>
/// <para><b>Episode End.</b> Termination: the player sticks or busts. No truncation: the id has no time limit.</para>
/// <para><b>Arguments.</b> <c>natural</c> (class default false): pay 1.5 for a winning natural. <c>sab</c> (class
/// default false): follow Sutton and Barto exactly, ignoring <c>natural</c>: a player natural against a dealer without
/// one wins +1. The registered <c>Blackjack-v1</c> passes <c>sab=True, natural=False</c>.</para>
/// <para><b>Version History.</b> v1: natural handling fixed. v0: initial release.</para>
/// </remarks>
public sealed class BlackjackEnv : Env<object[], int>
{
    /// <summary>Gymnasium's metadata: <c>rgb_array</c> at 4 fps, float rewards.</summary>
    public static EnvMetadata DefaultMetadata { get; } = new([RenderModes.RgbArray], 4, RewardType.Float);

    // 1 = ace, 2-10 = number cards, then J, Q, K worth 10.
    private static readonly int[] Deck = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10];
    private static readonly string[] Suits = ["C", "D", "H", "S"];
    private static readonly string[] Faces = ["J", "Q", "K"];

    private readonly List<int> _dealer = [];
    private readonly List<int> _player = [];
    private bool _dealt;

    /// <summary>Builds the game; see the class remarks for the arguments.</summary>
    public BlackjackEnv(string? renderMode = null, bool natural = false, bool sab = false)
        : base(new TupleSpace(new Discrete(32), new Discrete(11), new Discrete(2)), new Discrete(2), DefaultMetadata, renderMode)
    {
        Natural = natural;
        Sab = sab;
    }

    /// <summary>True when a winning natural pays 1.5 (ignored when <see cref="Sab"/>).</summary>
    public bool Natural { get; }

    /// <summary>True when following Sutton and Barto's rules exactly.</summary>
    public bool Sab { get; }

    /// <summary>The dealer's cards (1 = ace).</summary>
    public IReadOnlyList<int> DealerCards => _dealer;

    /// <summary>The player's cards (1 = ace).</summary>
    public IReadOnlyList<int> PlayerCards => _player;

    /// <summary>Suit of the dealer's face-up card for rendering: C, D, H or S.</summary>
    public string DealerCardSuit { get; private set; } = "C";

    /// <summary>Rank shown on the dealer's face-up card: A, 2-9, or J/Q/K for a 10-value card.</summary>
    public string DealerCardRank { get; private set; } = "A";

    /// <summary>True when <paramref name="hand"/> holds an ace that can count 11 without busting.</summary>
    public static bool UsableAce(IReadOnlyList<int> hand) => hand.Contains(1) && hand.Sum() + 10 <= 21;

    /// <summary>The hand's total, counting a usable ace as 11.</summary>
    public static int SumHand(IReadOnlyList<int> hand) => UsableAce(hand) ? hand.Sum() + 10 : hand.Sum();

    /// <summary>True when the hand is an ace and a 10-value card.</summary>
    public static bool IsNatural(IReadOnlyList<int> hand) => hand.Count == 2 && hand.Contains(1) && hand.Contains(10);

    /// <inheritdoc />
    protected override ResetResult<object[]> ResetCore(IReadOnlyDictionary<string, object>? options)
    {
        _dealer.Clear();
        _player.Clear();
        _dealer.Add(DrawCard());
        _dealer.Add(DrawCard());
        _player.Add(DrawCard());
        _player.Add(DrawCard());
        _dealt = true;

        DealerCardSuit = Suits[NpRandom.Integers(0, Suits.Length)];
        DealerCardRank = _dealer[0] switch
        {
            1 => "A",
            10 => Faces[NpRandom.Integers(0, Faces.Length)],
            var value => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new(Observation(), EnvInfo.Empty);
    }

    /// <inheritdoc />
    public override StepResult<object[]> Step(int action)
    {
        RequireValidAction(action);
        if (!_dealt)
        {
            throw new ResetNeededException("Blackjack must be reset before it is stepped.");
        }

        double reward;
        bool terminated;
        if (action == 1)
        {
            _player.Add(DrawCard());
            terminated = SumHand(_player) > 21;
            reward = terminated ? -1.0 : 0.0;
        }
        else
        {
            terminated = true;
            while (SumHand(_dealer) < 17)
            {
                _dealer.Add(DrawCard());
            }

            reward = Math.Sign(Score(_player) - Score(_dealer));
            if (Sab && IsNatural(_player) && !IsNatural(_dealer))
            {
                reward = 1.0;
            }
            else if (!Sab && Natural && IsNatural(_player) && reward == 1.0)
            {
                reward = 1.5;
            }
        }

        return new(Observation(), reward, terminated, false, EnvInfo.Empty);
    }

    /// <inheritdoc />
    public override Rendering? Render()
    {
        if (RenderMode is null)
        {
            return null;
        }

        if (!_dealt)
        {
            throw new ResetNeededException("Blackjack must be reset before it is rendered.");
        }

        return BlackjackRenderer.Render(this);
    }

    private static int Score(IReadOnlyList<int> hand) => SumHand(hand) > 21 ? 0 : SumHand(hand);

    private int DrawCard() => Deck[NpRandom.Integers(0, Deck.Length)];

    private object[] Observation() => [SumHand(_player), _dealer[0], UsableAce(_player) ? 1 : 0];
}
