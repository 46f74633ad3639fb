"""The short fuzz run of ``make test``: 2,000 inputs for every target (the seeds first; the shell kinds that share
one parser split theirs), on the machine's cores,
with no crash allowed. A crash is written to .cache/fuzz/crashes/ with the command that replays it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .__main__ import main
from .checks import Malformed
from .runner import Tally, default_jobs, fuzz, plan, run_chunk, signature, write_crashes
from .targets import Target, all_targets

# the short run is one module fixture over every target: minutes on a loaded 2-core machine, not one test's 120 s
pytestmark = pytest.mark.timeout(900)
PER_TARGET = 2_000
SEED = 20_260_101
# the POSIX shell startup kinds share one parser (bashlex, pure Python and the slowest here): 2,000 inputs
# between them, not each; `make fuzz` gives every target its full share
ONE_SHELL_PARSER = ("file:sh-profile", "file:bash-startup", "file:zsh-startup", "file:envrc")


def inputs_for(name: str) -> int:
    return PER_TARGET // len(ONE_SHELL_PARSER) if name in ONE_SHELL_PARSER else PER_TARGET


@pytest.fixture(scope="module")
def short_run() -> dict[str, Tally]:
    targets, tallies = all_targets(), {}
    for count in sorted({inputs_for(t.name) for t in targets}):
        group = [t for t in targets if inputs_for(t.name) == count]
        tallies.update(fuzz(group, count * len(group), SEED, min(default_jobs(), 2)))
    return tallies


def report(tally: Tally) -> str:
    written = write_crashes({tally.target: tally}, SEED)
    lines = [f"{tally.crashed} of {tally.inputs} inputs crashed {tally.target}:"]
    for sig, crash in sorted(tally.first.items()):
        lines += [f"- {sig} ({tally.counts[sig]} inputs)", crash.trace]
    return "\n".join([*lines, f"inputs written: {', '.join(map(str, written))}"])


@pytest.mark.parametrize("name", [t.name for t in all_targets()])
def test_no_input_crashes(short_run: dict[str, Tally], name: str) -> None:
    tally = short_run[name]
    assert tally.inputs == inputs_for(name)
    assert tally.crashed == 0, report(tally)


def test_every_parsed_file_kind_is_a_target() -> None:
    from goenv_lsp.files import PARSED

    names = {t.name for t in all_targets()}
    assert {f"file:{k.name}" for k in PARSED} <= names
    assert set(ONE_SHELL_PARSER) <= names
    assert {"modfile", "jsonc", "goland-xml", "config-toml", "go-env-json", "go-version", "go-version-m",
            "snapshot", "serde"} <= names


def test_inputs_depend_only_on_the_seed_and_their_index() -> None:
    for target in all_targets():
        index = len(target.corpus) + 7
        assert target.generate(SEED, index) == target.generate(SEED, index)
        assert target.decode(target.generate(SEED, index), SEED, index) == \
            target.decode(target.generate(SEED, index), SEED, index)
        assert target.generate(0, 0) == target.corpus[0]  # the seeds come first, unmutated


def test_the_plan_covers_every_input_once() -> None:
    targets = all_targets()[:3]
    tasks = plan(targets, 1_001, 5, 1.0)
    for target, expected in zip(targets, (334, 334, 333), strict=True):
        ranges = sorted((start, count) for name, _, start, count, _ in tasks if name == target.name)
        covered = [i for start, count in ranges for i in range(start, start + count)]
        assert covered == list(range(expected))


def _boom(value: bytes | str) -> object:
    if b"!" in (value if isinstance(value, bytes) else value.encode()):
        raise KeyError("boom")
    return None


def test_a_crash_is_counted_and_written(tmp_path: Path) -> None:
    target = Target("test:boom", _boom, lambda: (b"hello!", b"quiet"), tokens=(b"!",))
    tallies = fuzz([target], 300, 1, jobs=1)
    tally = tallies["test:boom"]
    assert tally.inputs == 300 and 0 < tally.crashed < 300
    (sig,) = tally.first
    assert sig.startswith("KeyError")
    assert tally.first[sig].index == 0  # the smallest index is kept: the first seed
    (written,) = write_crashes(tallies, 1, tmp_path)
    assert written.read_bytes() == b"hello!"
    assert "replay: python -m tests.fuzz --target test:boom" in written.with_suffix(".txt").read_text()


def test_the_runner_counts_what_fails_a_check() -> None:
    def malformed(value: bytes | str) -> object:
        raise Malformed("range 3 is not inside the text")

    target = Target("test:malformed", malformed, lambda: (b"x",))
    assert signature(Malformed("range 12 at 7")) == "Malformed: range N at N"
    from . import runner

    runner._ACTIVE["test:malformed"] = target
    tally = run_chunk(("test:malformed", 1, 0, 5, 1.0))
    assert tally.crashed == 5 and list(tally.first) == ["Malformed: range N is not inside the text"]


def test_the_command_line_lists_targets_and_fails_on_unknown_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out
    assert all(t.name in listed for t in all_targets())
    with pytest.raises(SystemExit) as exit_info:
        main(["--target", "no-such-target"])
    assert exit_info.value.code == 2


def test_mutations_reach_every_kind_of_damage() -> None:
    """Deep nesting, huge lines, NUL, invalid UTF-8, CRLF and a BOM all turn up in a few thousand inputs."""
    target = next(t for t in all_targets() if t.name == "file:go.mod")
    inputs = [target.generate(SEED, i) for i in range(len(target.corpus), len(target.corpus) + 3_000)]
    assert any(b"(" * 500 in d for d in inputs)
    assert any(max(map(len, d.split(b"\n"))) >= 10_000 for d in inputs)
    assert any(b"\x00" in d for d in inputs)
    assert any(b"\r\n" in d for d in inputs)
    assert any(d.startswith(b"\xef\xbb\xbf") for d in inputs)
    undecodable = 0
    for d in inputs:
        try:
            d.decode("utf-8")
        except UnicodeDecodeError:
            undecodable += 1
    assert undecodable > 30
    text = next(t for t in all_targets() if t.text)
    values = [text.decode(text.generate(SEED, i), SEED, i) for i in range(500)]
    assert any(any(0xD800 <= ord(c) <= 0xDFFF for c in v) for v in values if isinstance(v, str))
