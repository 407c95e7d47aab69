"""GUI tests that drive real widgets offscreen."""
