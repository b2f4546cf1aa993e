"""Login: platform profiles, sign-in, remembered sessions (keyring) and re-login."""
