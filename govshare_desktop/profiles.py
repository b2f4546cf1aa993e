"""Platform profiles (name, URL, optional CA bundle) and other client settings in QSettings.

Settings live where Qt keeps them for organization "GovShare", application "GovShare Desktop";
`GOVSHARE_SETTINGS_FILE` points them at an INI file instead (tests, screenshots, portable use).
Nothing secret is stored here: tokens go to the OS keyring (credentials.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QSettings

ORGANIZATION = "GovShare"
APPLICATION = "GovShare Desktop"
DEMO_PROFILE = "演示平台"
"""The profile of the embedded demo platform (its URL is rewritten on every start)."""


@dataclass(frozen=True)
class Profile:
    name: str
    url: str
    ca_bundle: str = ""  # path to a PEM bundle for TLS; "" = the system's trust store


DEFAULT_PROFILES = (Profile("本机平台", "http://127.0.0.1:8600"),)


def app_settings() -> QSettings:
    """The client's QSettings (an INI file when GOVSHARE_SETTINGS_FILE is set)."""
    path = os.environ.get("GOVSHARE_SETTINGS_FILE")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


class ProfileStore:
    """Profiles, the last used one and the remembered user per profile, in QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else app_settings()

    def profiles(self) -> list[Profile]:
        s = self.settings
        count = s.beginReadArray("profiles")
        found: list[Profile] = []
        for i in range(count):
            s.setArrayIndex(i)
            name = str(s.value("name", "") or "")
            url = str(s.value("url", "") or "")
            if name and url:
                found.append(Profile(name, url, str(s.value("ca_bundle", "") or "")))
        s.endArray()
        return found if count else list(DEFAULT_PROFILES)

    def set_profiles(self, profiles: list[Profile]) -> None:
        s = self.settings
        s.remove("profiles")
        s.beginWriteArray("profiles", len(profiles))
        for i, p in enumerate(profiles):
            s.setArrayIndex(i)
            s.setValue("name", p.name)
            s.setValue("url", p.url)
            s.setValue("ca_bundle", p.ca_bundle)
        s.endArray()
        s.sync()

    def get(self, name: str) -> Profile | None:
        return next((p for p in self.profiles() if p.name == name), None)

    def upsert(self, profile: Profile, *, old_name: str | None = None) -> None:
        """Add `profile`, or replace the one called `old_name` (or its own name) in place."""
        current = self.profiles()
        names = [p.name for p in current]
        replace = old_name if old_name in names else profile.name
        if replace in names:
            index = names.index(replace)
            current[index] = profile
            current = [p for i, p in enumerate(current) if i == index or p.name != profile.name]
        else:
            current.append(profile)
        self.set_profiles(current)

    def remove(self, name: str) -> None:
        self.set_profiles([p for p in self.profiles() if p.name != name])

    @property
    def last_profile(self) -> str:
        return str(self.settings.value("login/last_profile", "") or "")

    @last_profile.setter
    def last_profile(self, name: str) -> None:
        self.settings.setValue("login/last_profile", name)

    def remembered_user(self, profile: str) -> str:
        """The user whose token is in the keyring for `profile` ("" when none)."""
        return str(self.settings.value(f"remembered/{_key(profile)}", "") or "")

    def set_remembered_user(self, profile: str, username: str | None) -> None:
        if username:
            self.settings.setValue(f"remembered/{_key(profile)}", username)
        else:
            self.settings.remove(f"remembered/{_key(profile)}")
        self.settings.sync()

    def last_user(self, profile: str) -> str:
        return str(self.settings.value(f"last_user/{_key(profile)}", "") or "")

    def set_last_user(self, profile: str, username: str) -> None:
        self.settings.setValue(f"last_user/{_key(profile)}", username)


def _key(profile: str) -> str:
    # QSettings keys: keep them ASCII-safe and free of separators
    return profile.encode().hex()
