"""The 待签协议 screens of tools/screenshots.py (no script of its own): an agreement in the
viewer with its signatures, the sign dialog (the demo signer gets a key made here and a
certificate from the demo platform's CA, in the screenshots' own data directory), and a
tampered PDF verified from disk.

    <role>-agreements.png         the resource admin's list (the first agreement selected)
    <role>-agreement_viewer.png   resource_admin and platform_admin
    sign-dialog.png               the resource admin whose department's turn it is
    agreement-verify.png          the platform admin's PDF, one byte changed, verified
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

PASSPHRASE = "GovShare-demo-key"
Save = Callable[[Any, Path, str], None]
Wait = Callable[[], None]


def open_first_agreement(window: Any, wait: Wait) -> Any | None:
    """The 待签协议 page with its first agreement (waiting for the user, else any) open."""
    page = window.open_page("agreements")
    wait()
    if page.model.rowCount() == 0:
        page.ui.filterCombo.setCurrentIndex(1)  # 全部
        wait()
    if page.model.rowCount() == 0:
        return None
    page.open_agreement(int(page.model.row_data(0)["id"]))
    wait()
    return page


def give_key(context: Any) -> None:
    """A file key for the signed-in user and its certificate from the demo platform's CA."""
    from govshare_desktop.api import actions
    from govshare_desktop.host import signing_dir
    from govshare_desktop.signing.keys import KeyStore

    store = KeyStore(signing_dir())
    profile, user = context.profile_name, context.me["user"]
    store.generate(profile, user["username"], PASSPHRASE)
    csr = store.csr_pem(profile, user["username"], PASSPHRASE, common_name=user["full_name"])
    role = next(r for r in ("resource_admin", "platform_admin") if r in context.roles)
    issued = context.client.send(actions.request_certificate(csr, role))
    store.store_certificate(profile, user["username"], issued["certificate_pem"], issued["ca_pem"])


def tampered(pdf: bytes) -> bytes:
    """The PDF with one byte of its document information changed (same length)."""
    at = pdf.index(b"ReportLab")
    return pdf[:at] + b"ReportLbb" + pdf[at + len(b"ReportLab") :]


def shoot_agreements(window: Any, out: Path, role: str, *, save: Save, wait: Wait) -> None:
    page = open_first_agreement(window, wait)
    if page is None:
        print(f"no agreement for {role}: agreement screens skipped")
        return
    viewer = page.viewer
    if viewer.ui.setupKeyButton.isVisible():  # a department's turn: make the signer's key
        give_key(window.context)
        page.open_agreement(int(viewer.agreement["id"]))
        wait()
    if role == "resource_admin":
        page.show_list()
        save(window, out, f"{role}-agreements.png")
        page.ui.stack.setCurrentIndex(1)
    save(window, out, f"{role}-agreement_viewer.png")
    if viewer.ui.signButton.isVisible() and role == "resource_admin":
        viewer.ui.signButton.click()
        wait()
        dialog = page.active_dialog
        save(dialog, out, "sign-dialog.png")
        dialog.reject()
    if role == "platform_admin" and viewer.agreement and viewer.agreement.get("signatures"):
        copy = Path(window.context.store.path).parent / "agreement-tampered.pdf"
        copy.write_bytes(tampered(viewer.pdf))
        page.verify_file(copy)
        wait()
        save(window, out, "agreement-verify.png")
    page.show_list()
