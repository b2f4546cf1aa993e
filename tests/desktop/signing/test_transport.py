"""Certificates and signed PDFs through the session's sync engine, against the live platform:
a certificate request, an upload queued while the platform is unreachable and delivered once
on reconnect, an upload whose answer was lost, and a refused upload that keeps its file."""

from __future__ import annotations

from pathlib import Path

from govshare_core.agreement_schemas import CertificateOut
from govshare_core.agreements import SIGNATURE_FIELDS, SignTurn
from govshare_core.vocab import Role
from govshare_desktop.api import actions
from govshare_desktop.api.actions import Action
from govshare_desktop.api.client import PlatformClient
from govshare_desktop.context import AppContext
from govshare_desktop.host import signing_dir
from govshare_desktop.signing.keys import KeyStore
from govshare_desktop.signing.signer import FileKeySource, sign_agreement
from govshare_desktop.signing.verify import inspect_pdf
from govshare_desktop.store.local import LocalStore
from govshare_desktop.sync.engine import Outcome, SyncEngine
from tests.desktop.agreements_support import awaiting_agreement
from tests.desktop.conftest import TEST_TIMING, LiveServer
from tests.desktop.faultproxy import FaultProxy
from tests.desktop.sync_support import go_offline, sync

PASS = "签名口令-2026"
CONSUMER = SIGNATURE_FIELDS[SignTurn.CONSUMER]


def send(qtbot, ctx: AppContext, action: Action) -> Outcome:  # type: ignore[no-untyped-def]
    got: list[Outcome] = []
    ctx.sync.submit(action, done=got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    return got[0]


def certified(qtbot, ctx: AppContext) -> FileKeySource:  # type: ignore[no-untyped-def]
    """A file key for the context's user and its certificate, requested through the engine."""
    store, user = KeyStore(signing_dir()), ctx.me["user"]
    store.generate(ctx.profile_name, user["username"], PASS)
    csr = store.csr_pem(ctx.profile_name, user["username"], PASS, common_name=user["full_name"])
    outcome = send(qtbot, ctx, actions.request_certificate(csr, Role.RESOURCE_ADMIN.value))
    assert outcome.sent, outcome.message
    cert = CertificateOut.model_validate(outcome.result)
    store.store_certificate(ctx.profile_name, user["username"], cert.certificate_pem, cert.ca_pem)
    assert [c["serial"] for c in ctx.client.certificates()] == [cert.serial]
    assert ctx.client.ca_pem() == cert.ca_pem
    return FileKeySource(ctx.profile_name, user["username"], store=store)


def signed_file(ctx: AppContext, source: FileKeySource, agreement_id: int, tmp: Path) -> Path:
    pdf = ctx.client.agreement_pdf(agreement_id)
    path = tmp / f"agreement-{agreement_id}.pdf"
    path.write_bytes(sign_agreement(pdf, field_name=CONSUMER, source=source, secret=PASS))
    return path


def signature_posts(proxy: FaultProxy) -> list[str]:
    return [s.action for s in proxy.log if s.method == "POST" and s.path.endswith("/signatures")]


def test_upload_queued_offline_is_delivered_once_on_reconnect(  # type: ignore[no-untyped-def]
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context, tmp_path: Path
) -> None:
    _request, agreement_id = awaiting_agreement(live_server)
    ctx = make_context("B", Role.RESOURCE_ADMIN, url=proxy.url)
    path = signed_file(ctx, certified(qtbot, ctx), agreement_id, tmp_path)
    revision = ctx.client.agreement(agreement_id)["revision"]
    go_offline(qtbot, ctx.sync, proxy)
    action = actions.upload_signature(agreement_id, revision, path, field_name=CONSUMER)
    outcome = send(qtbot, ctx, action)
    assert outcome.queued and path.is_file()
    [item] = ctx.store.outbox()
    assert item.body[actions.FILE_BODY] == str(path)  # the path, not the bytes
    proxy.pass_through()
    report = sync(qtbot, ctx.sync)
    assert (report.sent, report.failures, report.conflicts) == (1, 0, 0)
    assert not path.exists() and ctx.store.pending_count() == 0
    after = ctx.client.agreement(agreement_id)
    assert (after["revision"], after["status"]) == (1, "awaiting_provider")
    assert signature_posts(proxy).count("pass") == 1
    ca = ctx.client.ca_pem().encode()
    [check] = inspect_pdf(ctx.client.agreement_pdf(agreement_id), ca)
    assert check.valid and check.field_name == CONSUMER


def test_a_queued_upload_is_replayed_after_a_restart(  # type: ignore[no-untyped-def]
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context, tmp_path: Path
) -> None:
    _request, agreement_id = awaiting_agreement(live_server)
    ctx = make_context("B", Role.RESOURCE_ADMIN, url=proxy.url)
    path = signed_file(ctx, certified(qtbot, ctx), agreement_id, tmp_path)
    go_offline(qtbot, ctx.sync, proxy)
    action = actions.upload_signature(agreement_id, 0, path, field_name=CONSUMER)
    assert send(qtbot, ctx, action).queued
    ctx.stop_sync()
    store_file = ctx.store.path
    ctx.store.close()
    # the next start: a new client, store (the same file) and engine
    proxy.pass_through()
    client = PlatformClient(proxy.url, retries=1, backoff=0.05)
    client.token = ctx.client.token
    store = LocalStore(store_file)
    engine = SyncEngine(client, store, timing=TEST_TIMING)
    try:
        assert store.pending_count() == 1
        report = sync(qtbot, engine)
        assert (report.sent, report.failures) == (1, 0)
        assert not path.exists()
        assert client.agreement(agreement_id)["revision"] == 1
    finally:
        engine.stop()
        store.close()


def test_upload_whose_answer_was_lost_counts_once(  # type: ignore[no-untyped-def]
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context, tmp_path: Path
) -> None:
    _request, agreement_id = awaiting_agreement(live_server)
    ctx = make_context("B", Role.RESOURCE_ADMIN, url=proxy.url)
    path = signed_file(ctx, certified(qtbot, ctx), agreement_id, tmp_path)
    proxy.drop_after_forward(1, match="POST /api/v1/agreements")
    action = actions.upload_signature(agreement_id, 0, path)  # recognised by its SHA-256
    outcome = send(qtbot, ctx, action)
    # the client's retry (same idempotency key) meets "not your turn" (the turn moved on because
    # of this very upload): the engine finds the signature on the platform and counts it done
    assert outcome.sent, outcome.message
    assert outcome.result is not None and outcome.result["revision"] == 1
    assert not path.exists() and ctx.store.pending_count() == 0
    assert len(ctx.client.agreement(agreement_id)["signatures"]) == 1
    assert signature_posts(proxy)[0] == "drop_after_forward"


def test_a_refused_upload_is_not_retried_and_keeps_its_file(  # type: ignore[no-untyped-def]
    qtbot, live_server: LiveServer, proxy: FaultProxy, make_context, tmp_path: Path
) -> None:
    _request, agreement_id = awaiting_agreement(live_server)
    ctx = make_context("B", Role.RESOURCE_ADMIN, url=proxy.url)
    source = certified(qtbot, ctx)
    pdf = ctx.client.agreement_pdf(agreement_id)
    path = tmp_path / "wrong-field.pdf"
    wrong = SIGNATURE_FIELDS[SignTurn.PROVIDER]
    path.write_bytes(sign_agreement(pdf, field_name=wrong, source=source, secret=PASS))
    outcome = send(qtbot, ctx, actions.upload_signature(agreement_id, 0, path, field_name=wrong))
    assert outcome.status == "failed" and outcome.api_error is not None
    assert outcome.api_error.code == "agreement_wrong_signature_field"
    assert path.is_file() and ctx.store.pending_count() == 0
    assert signature_posts(proxy) == ["pass"]
