"""The work behind the key setup dialog, step by step (run in the background pool, no Qt):
make the key (a file key or one on a UKey), make its certificate request, keep the
certificate the platform issued."""

from __future__ import annotations

from dataclasses import dataclass

from govshare_desktop.credentials import PassphraseVault
from govshare_desktop.signing.errors import SigningError
from govshare_desktop.signing.keys import KeyStore, check_passphrase
from govshare_desktop.signing.tokens import generate_token_key, remember_token, token_csr_pem

FILE, TOKEN = "file", "token"


@dataclass(frozen=True)
class KeyChoice:
    """What the user filled in: the kind of key and its secret(s)."""

    profile: str
    username: str
    full_name: str
    kind: str = FILE  # FILE or TOKEN
    passphrase: str = ""
    again: str = ""
    remember: bool = False
    module_path: str = ""
    token_label: str = ""
    pin: str = ""

    @property
    def key_label(self) -> str:
        """The key's label on the UKey (one GovShare key per user and profile)."""
        return f"govshare-{self.profile}-{self.username}"

    @property
    def secret(self) -> str:
        return self.passphrase if self.kind == FILE else self.pin


def check_choice(choice: KeyChoice) -> None:
    """Raise SigningError for what is missing before any key is made."""
    if choice.kind == FILE:
        check_passphrase(choice.passphrase)
        if choice.passphrase != choice.again:
            raise SigningError("passphrase_mismatch")
    else:
        if not choice.module_path or not choice.token_label:
            raise SigningError("token_missing", choice.module_path or "-")
        if not choice.pin:
            raise SigningError("pin_required")


def generate_key(store: KeyStore, choice: KeyChoice, vault: PassphraseVault | None) -> None:
    """Step 1: the key pair (on the UKey for TOKEN); remembers the passphrase if asked."""
    check_choice(choice)
    if choice.kind == FILE:
        store.generate(choice.profile, choice.username, choice.passphrase)
        if vault is not None:
            if choice.remember:
                vault.store(choice.profile, choice.username, choice.passphrase)
            else:
                vault.clear(choice.profile, choice.username)
        return
    der = generate_token_key(choice.module_path, choice.token_label, choice.pin, choice.key_label)
    remember_token(
        store,
        choice.profile,
        choice.username,
        module_path=choice.module_path,
        token_label=choice.token_label,
        key_label=choice.key_label,
        public_der=der,
    )


def certificate_request(store: KeyStore, choice: KeyChoice) -> str:
    """Step 2: the PKCS#10 request (PEM) for the user's key, signed with it."""
    if choice.kind == FILE:
        return store.csr_pem(
            choice.profile, choice.username, choice.passphrase, common_name=choice.full_name
        )
    info = store.token_info(choice.profile, choice.username) or {}
    return token_csr_pem(
        info.get("module_path", choice.module_path),
        info.get("token_label", choice.token_label),
        choice.pin,
        info.get("key_label", choice.key_label),
        common_name=choice.full_name,
    )
