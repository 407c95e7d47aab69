"""govdesk: offline desk software for community and village offices."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("govdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
