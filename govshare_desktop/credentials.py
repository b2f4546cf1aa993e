"""Session tokens in the OS keyring (`keyring`): never the password, never a file.

Service "GovShare", one entry per profile and user (and, with "remember passphrase", a second
entry kind for the signing key's passphrase: `PassphraseVault`). Where no keyring backend works
(the fail or null backends, typical of headless Linux), `available` is False: the dialog says
so and the session stays in memory only. Keyring calls may block (D-Bus, unlock prompts): call
them off the UI thread.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

SERVICE = "GovShare"
log = logging.getLogger("govshare.desktop.credentials")


def entry_name(profile: str, username: str) -> str:
    return f"{profile}:{username}"


def backend_works(backend: KeyringBackend) -> bool:
    """False for the fail/null backends and an empty chain (nothing would be kept)."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(backend_works(b) for b in backend.backends)
    return True


class TokenVault:
    """Store, load and clear tokens; the backend is keyring's default unless given."""

    kind = ""  # the entry kind: "" for session tokens (the entry name predates kinds)

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    @property
    def available(self) -> bool:
        return backend_works(self.backend)

    def store(self, profile: str, username: str, token: str) -> bool:
        """Keep the token; False when the keyring refused (the session stays in memory)."""
        if not self.available:
            return False
        try:
            self.backend.set_password(SERVICE, self._entry(profile, username), token)
        except KeyringError as exc:
            log.warning("keyring refused the token: %s", exc)
            return False
        return True

    def load(self, profile: str, username: str) -> str | None:
        if not self.available:
            return None
        try:
            return self.backend.get_password(SERVICE, self._entry(profile, username))
        except KeyringError as exc:
            log.warning("keyring read failed: %s", exc)
            return None

    def _entry(self, profile: str, username: str) -> str:
        name = entry_name(profile, username)
        return f"{name}:{self.kind}" if self.kind else name

    def clear(self, profile: str, username: str) -> None:
        if not self.available:
            return
        try:
            self.backend.delete_password(SERVICE, self._entry(profile, username))
        except KeyringError:  # PasswordDeleteError: nothing stored
            pass


class PassphraseVault(TokenVault):
    """The signing key's passphrase, kept only when the user ticked 记住口令 (remember the
    passphrase) in the key setup; entry "<profile>:<username>:signing-key"."""

    kind = "signing-key"
