"""Look-ups the share screens share: department names (from the platform or the offline cache).

Blocking: call from background operations only.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from govshare_desktop.api.errors import ApiError
from govshare_desktop.context import AppContext

DEPARTMENTS_CACHE = "departments"
_names: weakref.WeakKeyDictionary[AppContext, dict[int, str]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_fetch_lock = threading.Lock()


def departments(context: AppContext) -> list[dict[str, Any]]:
    """All departments (cached for offline use); the cache when the platform is unreachable.

    Serialized: pages fetch in parallel, and one fetch serves them all.
    """
    with _fetch_lock:
        return _departments(context)


def _departments(context: AppContext) -> list[dict[str, Any]]:
    try:
        items = context.client.departments()
    except ApiError as exc:
        if not exc.is_network:
            raise
        cached = context.store.cache_get(DEPARTMENTS_CACHE)
        return list(cached[0]) if cached else []
    context.store.cache_put(DEPARTMENTS_CACHE, items)
    return items


def department_names(context: AppContext) -> dict[int, str]:
    """id → name, fetched once per session."""
    with _fetch_lock:
        with _lock:
            known = _names.get(context)
        if known:
            return known
        names = {int(d["id"]): str(d["name"]) for d in _departments(context)}
        with _lock:
            _names[context] = names
        return names
