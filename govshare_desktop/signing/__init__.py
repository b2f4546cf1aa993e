"""Signing of the three-party agreements (三方数据保密协议, 第三十条) on the desktop.

- `keys`: the signer's file key (encrypted PKCS#8) and its certificate, per profile and user;
- `tokens`: keys on a PKCS#11 token (UKey);
- `signer`: the incremental PAdES signature with the visible Chinese stamp;
- `verify`: what the signatures of any agreement PDF say;
- `setup_dialog` / `certificate_panel`: the first-time key setup and the settings section.

The library modules (keys, tokens, signer, verify) import no Qt; callers run them off the UI
thread (govshare_desktop.tasks).
"""
