"""The 居民登记 (resident registry) tab: list, person and household dialogs, import, export, print."""
