"""The exchange with the township in the window: menu, dialogs, background work and the watched folder."""
