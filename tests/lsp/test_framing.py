"""The transport's framing (goenv_lsp.lsp.transport.Framer): bytes in, message bodies or framing errors out,
memory bounded whatever the client claims."""

from __future__ import annotations

from goenv_lsp.lsp.transport import Framer, FramingError


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def feed(framer: Framer, *chunks: bytes) -> list:
    return [item for chunk in chunks for item in framer.feed(chunk)]


def test_frames_split_anywhere_come_out_whole() -> None:
    data = frame(b'{"a": 1}') + b"Content-Type: application/vscode-jsonrpc\r\n" + frame(b"{}")
    assert feed(Framer(), *(data[i:i + 1] for i in range(len(data)))) == [b'{"a": 1}', b"{}"]


def test_header_names_are_case_insensitive_and_a_zero_length_is_an_empty_body() -> None:
    assert feed(Framer(), b"content-length: 2\r\n\r\n{}Content-Length: 0\r\n\r\n") == [b"{}", b""]


def test_a_length_over_the_limit_is_skipped_not_allocated() -> None:
    framer = Framer(max_body=1024)
    out = feed(framer, b"Content-Length: 99999999999\r\n\r\n", b"x" * 100_000, frame(b"{}"))
    assert [type(item) for item in out] == [FramingError, bytes] and out[1] == b"{}"
    assert "limit" in out[0].reason


def test_garbage_is_skipped_up_to_the_next_content_length_even_inside_a_bad_header() -> None:
    framer = Framer()
    out = feed(framer, b"Content-Length: ten\r\n\r\n", b"no colon here\r\n\r\n",
               b"Content-Length: 17\n\n{}" + frame(b"[1]"), b"Content-Length: -5\r\n\r\n", frame(b"[2]"))
    assert [item for item in out if isinstance(item, bytes)] == [b"[1]", b"[2]"]
    # "no colon here" is skipped while looking for the next Content-Length after "ten": no error of its own
    assert sum(isinstance(item, FramingError) for item in out) == 3


def test_a_header_that_never_ends_costs_at_most_the_header_limit() -> None:
    framer = Framer(max_header=1024)
    out = feed(framer, *(b"X" * 4096 for _ in range(100)))
    assert len(out) == 1 and isinstance(out[0], FramingError)
    assert len(framer._buffer) < 16  # only what could begin a header
    assert feed(framer, frame(b"{}")) == [b"{}"]


def test_two_different_lengths_are_garbage() -> None:
    out = feed(Framer(), b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", frame(b"{}"))
    assert isinstance(out[0], FramingError) and out[-1] == b"{}"
