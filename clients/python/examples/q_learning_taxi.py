"""Tabular Q-learning on Taxi-v3, served by an RlGym server (NumPy only).

    rlgym serve &                       # or: dotnet run --project src/RlGym.Cli -- serve
    python3 q_learning_taxi.py --address localhost:50051
"""

import argparse

import numpy as np

import rlgym


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default="localhost:50051", help="RlGym server (host:port or unix:///path)")
    parser.add_argument("--episodes", type=int, default=1000, help="training episodes")
    parser.add_argument("--alpha", type=float, default=0.5, help="learning rate")
    parser.add_argument("--gamma", type=float, default=0.99, help="discount factor")
    parser.add_argument("--epsilon", type=float, default=1.0, help="initial exploration rate")
    parser.add_argument("--epsilon-min", type=float, default=0.05, help="final exploration rate")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first reset and of the exploration")
    return parser.parse_args()


def main():
    args = parse_args()
    rng = np.random.default_rng(args.seed)
    with rlgym.make("Taxi-v3", address=args.address) as env:
        q = np.zeros((env.observation_space.n, env.action_space.n))
        epsilon_decay = (args.epsilon - args.epsilon_min) / (0.8 * args.episodes)
        epsilon, returns = args.epsilon, []
        obs, info = env.reset(seed=args.seed)
        for episode in range(args.episodes):
            done, episode_return = False, 0
            while not done:
                if rng.random() < epsilon:  # explore among the actions that change the state
                    action = int(rng.choice(np.flatnonzero(info["action_mask"])))
                else:
                    action = int(np.argmax(q[obs]))
                next_obs, reward, terminated, truncated, info = env.step(action)
                # Bootstrap unless the episode really ended (truncation keeps the future value).
                target = reward + (0.0 if terminated else args.gamma * np.max(q[next_obs]))
                q[obs, action] += args.alpha * (target - q[obs, action])
                obs, episode_return, done = next_obs, episode_return + reward, terminated or truncated
            returns.append(episode_return)
            epsilon = max(args.epsilon_min, epsilon - epsilon_decay)
            if (episode + 1) % max(1, args.episodes // 10) == 0:
                print(f"episode {episode + 1:5d}  mean return (last 100) {np.mean(returns[-100:]):7.2f}  "
                      f"epsilon {epsilon:.2f}")
            obs, info = env.reset()

        greedy = []
        for _ in range(20):
            obs, _ = env.reset()
            done, episode_return = False, 0
            while not done:
                obs, reward, terminated, truncated, _ = env.step(int(np.argmax(q[obs])))
                episode_return, done = episode_return + reward, terminated or truncated
            greedy.append(episode_return)
    print(f"greedy policy: mean return over 20 episodes {np.mean(greedy):.2f}")
    return float(np.mean(greedy))


if __name__ == "__main__":
    main()
