from __future__ import annotations

import random

import pytest

from goenv_lsp.files._jsonc import parse_jsonc
from goenv_lsp.model import Position, Range
from goenv_lsp.rules._shared.fixes import replace_json_string
from goenv_lsp.text import LineIndex, decode_text


def value(text: str) -> object:
    doc = parse_jsonc(text)
    assert doc.errors == [], doc.errors
    assert doc.root is not None
    return doc.root.to_python()


# ---------------------------------------------------------------- parsing


def test_comments_and_trailing_commas() -> None:
    text = '// head\n{\n  "a": 1, /* block\n  comment */ "b": [1, 2.5, -3e2,],\n  "c": {"d": null, "e": true,},\n}\n'
    assert value(text) == {"a": 1, "b": [1, 2.5, -300.0], "c": {"d": None, "e": True}}


def test_strict_json_otherwise() -> None:
    for bad in ["{'a': 1}", '{a: 1}', '{"a": 01}', '{"a": +1}', '{"a": .5}', '{"a": 1.}', '{"a": NaN}',
                '{"a": "\\x"}', '{"a": "tab\there"}', '[1 2]', '{"a" 1}', '# c\n{}']:
        assert parse_jsonc(bad).errors, bad


def test_string_escapes_and_surrogates() -> None:
    assert value('["\\"\\\\\\/\\b\\f\\n\\r\\t", "\\u00e9", "\\ud83d\\ude00", "\\udc00"]') == [
        '"\\/\b\f\n\r\t', "é", "😀", "\ufffd"]


def test_duplicate_keys_last_wins() -> None:
    doc = parse_jsonc('{"a": 1, "b": 2, "a": 3}')
    assert doc.root is not None
    assert doc.root.to_python() == {"a": 3, "b": 2}
    member = doc.root.get("a")
    assert member is not None and member.value is not None and member.value.value == 3
    assert [m.key for m in doc.root.effective_members()] == ["b", "a"]


def test_spans_count_utf16_units() -> None:
    text = '{\n  "k😀é": "v",\t"x": [true]\n}'
    doc = parse_jsonc(text)
    assert doc.root is not None
    k = doc.root.members[0]
    assert doc.range(k.key_start, k.key_end) == Range.of(1, 2, 8)  # "k😀é": 😀 counts twice
    assert k.value is not None and doc.range(k.value.start, k.value.end) == Range.of(1, 10, 13)
    x = doc.root.members[1]
    assert x.value is not None and doc.range(x.value.start, x.value.end) == Range.of(1, 20, 26)
    assert doc.range(doc.root.start, doc.root.end) == Range(Position(0, 0), Position(2, 1))


def test_line_index_handles_all_line_ends() -> None:
    lines = LineIndex("a\r\nb\rc\nd😀x")
    assert lines.position(3) == Position(1, 0)
    assert lines.position(5) == Position(2, 0)
    assert lines.position(8) == Position(3, 1)
    assert lines.position(9) == Position(3, 3)  # 😀 counts twice
    assert lines.position(10) == Position(3, 4)
    for offset in range(11):
        if offset != 2:  # between \r and \n is not a position
            assert lines.offset(lines.position(offset)) == offset
    assert lines.offset(Position(0, 99)) == 1
    assert lines.offset(Position(99, 0)) == 10


def test_empty_and_comment_only() -> None:
    for text in ["", "  \n", "// nothing\n/* here */"]:
        doc = parse_jsonc(text)
        assert doc.root is None and doc.errors == []


@pytest.mark.parametrize(("text", "expected", "message"), [
    ('{"a": 1 "b": 2}', {"a": 1, "b": 2}, "expected ',' or '}' after the property value, found a string"),
    ('{"a": 1, "b": }', {"a": 1}, "expected a value, found '}'"),
    ('{"a": 1, "b": tru, "c": 3}', {"a": 1, "c": 3}, "expected a value, found 'tru'"),
    ('{"a": 1, "b": 01, "c": 3}', {"a": 1, "c": 3}, "expected a value, found '01'"),
    ('{"a": 1, "b": [1, 2', {"a": 1, "b": [1, 2]}, "expected ']' to close the array but the file ends"),
    ('{"a": 1, "b": 2', {"a": 1, "b": 2}, "expected '}' to close the object but the file ends"),
    ('{"a": 1, b: 2, "c": 3}', {"a": 1, "c": 3}, "expected a property name in double quotes, found 'b'"),
    ('{"a": 1, "b" {"x": 1}, "c": 3}', {"a": 1, "c": 3}, "expected ':' after the property name, found '{'"),
    ('{"a": 1} {"b": 2}', {"a": 1}, "unexpected content after the end of the top-level value, found '{'"),
    ('{"a": 1, /* open', {"a": 1}, "unterminated /* comment"),
    ('{"a": "x', {"a": "x"}, 'unterminated string (missing closing ")'),
    ('{"a": 1, "b": "x\ny", "c": 3}', {"a": 1, "b": "x"}, 'unterminated string (missing closing ")'),
])
def test_recovers_values_before_and_after_errors(text: str, expected: object, message: str) -> None:
    doc = parse_jsonc(text)
    assert doc.root is not None
    assert doc.root.to_python() == expected
    assert message in [e.message for e in doc.errors]


def test_error_offsets() -> None:
    doc = parse_jsonc('{\n  "a": 1\n  "b": 2\n}')
    assert [(e.message, doc.range(e.start, e.end)) for e in doc.errors] == [
        ("expected ',' or '}' after the property value, found a string", Range.of(2, 2, 5))]


def test_deep_nesting_does_not_recurse_forever() -> None:
    doc = parse_jsonc("[" * 5000 + "]" * 5000)
    assert any(e.message == "nested more than 100 levels deep" for e in doc.errors)
    doc = parse_jsonc('{"a": 1, "b": ' + "{" * 3000)
    assert doc.root is not None and doc.root.to_python()["a"] == 1  # type: ignore[index]


def test_huge_numbers() -> None:
    assert value("[" + "9" * 5000 + ", 1e999]") == [float("inf"), float("inf")]


def test_random_text_never_raises() -> None:
    rng = random.Random(1)
    alphabet = '{}[]:,"\\/*\n\r\t -0123456789.eE+truefalsn😀é\x00\x1f'
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        doc = parse_jsonc(text)
        if doc.root is not None:
            doc.root.to_python()
        for err in doc.errors:
            doc.range(err.start, err.end)


def test_decode_text() -> None:
    assert decode_text(b'\xef\xbb\xbf{"a": 1}') == ('{"a": 1}', None)
    text, problem = decode_text(b'{\n  "a": "\xff"}')
    assert text is None and problem is not None
    assert problem.message == "invalid UTF-8 at byte 10 (the file must be UTF-8)"
    assert problem.position == Position(1, 8)
    text, problem = decode_text(b"ab\x00cd")
    assert text is None and problem is not None and "NUL byte at byte 2" in problem.message
    text, problem = decode_text('{}'.encode("utf-16"))
    assert text is None and problem is not None and "UTF-16" in problem.message


def json_string(s: str) -> str:
    """The JSON string literal a settings.json fix writes for ``s``."""
    return replace_json_string("/ws/.vscode/settings.json", Range.of(0, 0), s, "t").edits[0].new_text


def test_json_string() -> None:
    assert json_string('C:\\Go "x"\n\té😀') == '"C:\\\\Go \\"x\\"\\n\\té😀"'
    assert value(json_string("a\u2028b\x01")) == "a\u2028b\x01"

