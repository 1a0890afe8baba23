// Placeholder until groups are wired; replaced below.
