"""The 矛盾调解 (people's mediation) tab: case list, case panel, dialogs, printing."""
