"""The server log: message contents only at --log-level debug, a file only its owner reads, every record
(pygls' own too) through goenv_lsp.redact.redact_text, floods cut short."""

from __future__ import annotations

import logging
import stat

from lsp_harness import fake_machine, fake_server, write_workspace  # type: ignore[import-not-found]
from raw_lsp import start  # type: ignore[import-not-found]

from goenv_lsp.redact import redact_text

SECRET = "https://alice:hunter2@proxy.example.com"


async def _session(tmp_path, *extra: str, **popen: object) -> str:
    """Start, initialize (a secret in initializationOptions), run goenv.report, shut down; the report."""
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    client = await start(ws, *fake_server(fake_machine(tmp_path))[2:], *extra, **popen)
    try:
        await client.initialize(ws, initializationOptions={"proxy": SECRET, "marker": "INIT-OPTIONS-MARKER"})
        report = await client.request("workspace/executeCommand", {"command": "goenv.report", "arguments": []})
        await client.notify("textDocument/didChange", {"textDocument": {"uri": f"file:///x/{SECRET}/go.mod",
                                                                        "version": 1}, "contentChanges": []})
        assert (await client.shut_down())[1] == 0
        return report["result"]
    finally:
        await client.close()


async def test_the_default_level_logs_no_message_contents_in_a_file_only_its_owner_reads(tmp_path):
    log = tmp_path / "server.log"
    report = await _session(tmp_path, "--log-file", str(log), umask=0o022)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert text  # something is logged at INFO
    assert "INIT-OPTIONS-MARKER" not in text and "Sending data" not in text
    report_lines = [line for line in report.splitlines() if len(line) > 20]
    assert report_lines and not any(line in text for line in report_lines)
    assert "hunter2" not in text


async def test_an_existing_log_file_is_appended_to_and_keeps_its_mode(tmp_path):
    log = tmp_path / "server.log"
    log.write_text("before\n")
    log.chmod(0o600)
    await _session(tmp_path, "--log-file", str(log), umask=0)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert log.read_text().startswith("before\n")


async def test_debug_logs_traffic_redacted_pygls_records_too(tmp_path):
    log = tmp_path / "server.log"
    await _session(tmp_path, "--log-file", str(log), "--log-level", "debug")
    text = log.read_text()
    assert "INIT-OPTIONS-MARKER" in text  # the traffic is there …
    assert "pygls.protocol.language_server: Language server initialized" in text  # … pygls' records too …
    assert "hunter2" not in text and redact_text(SECRET) in text  # … all of it redacted


def test_a_flood_of_one_record_is_cut_to_a_burst_per_window():
    from goenv_lsp.lsp.logs import RateLimit

    now = [0.0]
    limit = RateLimit(burst=3, window=10, clock=lambda: now[0])

    def record(msg: str, level: int = logging.WARNING) -> logging.LogRecord:
        return logging.LogRecord("goenv", level, __file__, 1, msg, (), None)

    passed = [limit.filter(record("bad message: %s")) for _ in range(10)]
    assert passed == [True] * 3 + [False] * 7
    assert limit.filter(record("another kind"))
    assert limit.filter(record("debug is never cut", logging.DEBUG))
    now[0] = 11
    later = record("bad message: %s")
    assert limit.filter(later) and "7 more like this" in str(later.msg)


def test_the_formatter_redacts_the_whole_record_traceback_included():
    from goenv_lsp.lsp.logs import RedactingFormatter

    formatter = RedactingFormatter("%(message)s")
    try:
        raise ValueError(SECRET)
    except ValueError as exc:
        record = logging.LogRecord("pygls", logging.ERROR, __file__, 1, "failed for %s", (SECRET,), (
            type(exc), exc, exc.__traceback__))
    text = formatter.format(record)
    assert "hunter2" not in text and text.count(redact_text(SECRET)) == 2
