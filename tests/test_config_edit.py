"""`Ignore GE### in this workspace` edits goenv-lsp.toml: the code lands in the top-level ignore list, the rest of
the file stays as it was, and the edited file really ignores the rule."""

from __future__ import annotations

import pytest

from goenv_lsp.config import Config, ConfigEditError, add_ignore, parse_toml


def ignored(text: str) -> tuple[str, ...]:
    config, problems = parse_toml(text, "goenv-lsp.toml", Config())
    assert problems == []
    return config.ignore


@pytest.mark.parametrize(("before", "after"), [
    (None, ("GE301",)),
    ("", ("GE301",)),
    ('ignore = "GE101"\n', ("GE101", "GE301")),
    ('ignore = "GE301"\n', ("GE301",)),
    ('ignore = ["GE101"]  # ours\n', ("GE101", "GE301")),
    ('ignore = ["GE301"]\n', ("GE301",)),
    ('[severity]\nGE302 = "error"\n', ("GE301",)),
    ('select = ["GE3"]\n\n[workspace]\nexclude = ["third_party/"]\n', ("GE301",)),
])
def test_the_code_is_ignored_afterwards(before: str | None, after: tuple[str, ...]) -> None:
    text = add_ignore(before, "GE301")
    assert ignored(text) == after
    for line in (before or "").splitlines():  # nothing of the file is lost
        if not line.startswith("ignore"):
            assert line in text


def test_comments_and_tables_stay() -> None:
    before = '# team settings\nignore = ["GE101"]  # ours\n\n[severity]\nGE302 = "error"\n'
    assert add_ignore(before, "GE120") == ('# team settings\nignore = ["GE101", "GE120"]  # ours\n\n[severity]\n'
                                           'GE302 = "error"\n')


@pytest.mark.parametrize("before", ["ignore = [\n", "ignore = 3\n", "ignore = { a = 1 }\n"])
def test_a_file_it_cannot_edit_safely_is_an_error(before: str) -> None:
    with pytest.raises(ConfigEditError):
        add_ignore(before, "GE301")
