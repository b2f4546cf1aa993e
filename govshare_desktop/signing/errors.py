"""SigningError: why signing (or key handling) failed, with a stable code and both languages."""

from __future__ import annotations

from typing import Final

_TEXT: Final = {
    "wrong_passphrase": ("密钥口令错误。", "The key passphrase is wrong."),
    "weak_passphrase": (
        "密钥口令至少需要 8 个字符。",
        "The key passphrase needs at least 8 characters.",
    ),
    "passphrase_mismatch": ("两次输入的口令不一致。", "The two passphrases differ."),
    "pin_required": ("请输入 UKey 的 PIN 码。", "Enter the UKey PIN."),
    "wrong_pin": ("UKey 的 PIN 码错误。", "The UKey PIN is wrong."),
    "token_missing": (
        "未找到 UKey（硬件密钥）：请插入 UKey 并检查驱动模块路径。",
        "No UKey (hardware key) found: insert it and check the driver module path.",
    ),
    "no_key": ("尚未生成签名密钥。", "No signing key has been generated yet."),
    "key_exists": ("签名密钥已存在。", "A signing key already exists."),
    "no_certificate": (
        "尚无有效的签名证书，请先申请证书。",
        "There is no signing certificate yet; request one first.",
    ),
    "certificate_expired": (
        "签名证书已过期或尚未生效，请续期。",
        "The signing certificate has expired or is not yet valid; renew it.",
    ),
    "certificate_mismatch": (
        "证书与本机的签名密钥不匹配。",
        "The certificate does not match the signing key on this computer.",
    ),
    "field_missing": (
        "协议文件中没有本方的签名栏。",
        "The agreement has no signature field for this party.",
    ),
    "field_already_signed": (
        "本方的签名栏已经签署过。",
        "This party's signature field is already signed.",
    ),
    "invalid_pdf": ("协议文件不是有效的 PDF。", "The agreement file is not a valid PDF."),
    "token_error": ("UKey 操作失败。", "The UKey operation failed."),
}


class SigningError(Exception):
    """A signing failure the user can act on: `code` is stable, messages are for people."""

    def __init__(self, code: str, detail: str = "") -> None:
        zh, en = _TEXT.get(code, ("签名失败。", "Signing failed."))
        self.code = code
        self.message_zh = zh + (f"（{detail}）" if detail else "")
        self.message_en = en + (f" ({detail})" if detail else "")
        super().__init__(f"{code}: {self.message_en}")

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh


def known_codes() -> frozenset[str]:
    return frozenset(_TEXT)
