"""Use cases per area; every write of the window and the CLI goes through here."""
