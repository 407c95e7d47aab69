"""The 网格管理 tab: the grid tree with its counts, the places of a grid, staff, and assignment."""
