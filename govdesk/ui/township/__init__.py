"""The township's read-only tabs over the offices' records (township mode)."""
