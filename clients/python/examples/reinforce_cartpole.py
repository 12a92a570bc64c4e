"""REINFORCE (Monte-Carlo policy gradient) on CartPole-v1, served by an RlGym server (PyTorch).

    rlgym serve &
    python3 reinforce_cartpole.py --address localhost:50051
"""

import argparse
import sys

import numpy as np

import rlgym

try:
    import torch
    from torch import nn
except ImportError:
    torch = None


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default="localhost:50051", help="RlGym server (host:port or unix:///path)")
    parser.add_argument("--episodes", type=int, default=500, help="training episodes")
    parser.add_argument("--learning-rate", type=float, default=1e-2, help="Adam learning rate")
    parser.add_argument("--gamma", type=float, default=0.99, help="discount factor")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first reset and of torch")
    return parser.parse_args()


def discounted_returns(rewards, gamma):
    returns, running = np.zeros(len(rewards), dtype=np.float32), 0.0
    for t in reversed(range(len(rewards))):
        running = rewards[t] + gamma * running
        returns[t] = running
    return (returns - returns.mean()) / (returns.std() + 1e-8)  # normalised: lower variance


def main():
    if torch is None:
        print("reinforce_cartpole.py needs PyTorch, which is not importable here. Install it "
              "(pip install torch) or try examples/q_learning_taxi.py, which needs only NumPy.", file=sys.stderr)
        return 2
    args = parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)  # a tiny network: more threads only spin
    policy = nn.Sequential(nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 2))
    optimizer = torch.optim.Adam(policy.parameters(), lr=args.learning_rate)
    lengths = []
    with rlgym.make("CartPole-v1", address=args.address) as env:
        obs, _ = env.reset(seed=args.seed)
        for episode in range(args.episodes):
            log_probs, rewards, done = [], [], False
            while not done:
                dist = torch.distributions.Categorical(logits=policy(torch.from_numpy(obs)))
                action = dist.sample()
                obs, reward, terminated, truncated, _ = env.step(int(action))
                log_probs.append(dist.log_prob(action))
                rewards.append(reward)
                done = terminated or truncated
            loss = -(torch.stack(log_probs) * torch.from_numpy(discounted_returns(rewards, args.gamma))).sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            lengths.append(len(rewards))
            if (episode + 1) % max(1, args.episodes // 10) == 0:
                print(f"episode {episode + 1:4d}  mean length (last 50) {np.mean(lengths[-50:]):6.1f}")
            obs, _ = env.reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())
