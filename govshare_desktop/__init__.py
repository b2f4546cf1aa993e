"""GovShare desktop administration client (PySide6)."""

from govshare_core import __version__

__all__ = ["__version__"]
