"""Domain rules and records of govdesk: no Qt, no file I/O."""
