"""The space classes RlGym environments use: ``gymnasium.spaces`` when Gymnasium is importable,
otherwise the compatible stand-ins of ``rlgym._fallback_spaces``.

    from rlgym.spaces import Box, Discrete
"""

from rlgym._compat import HAVE_GYMNASIUM

if HAVE_GYMNASIUM:
    from gymnasium.spaces import Box, Dict, Discrete, MultiBinary, MultiDiscrete, Space, Tuple
else:
    from rlgym._fallback_spaces import Box, Dict, Discrete, MultiBinary, MultiDiscrete, Space, Tuple

__all__ = ["Box", "Dict", "Discrete", "MultiBinary", "MultiDiscrete", "Space", "Tuple"]
