"""The gopls ↔ Go table (data/gopls_support.toml) and the gopls each Go gets recommended."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.gopls import Recommendation, line_key, recommended_for, release_for, release_line, support

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

SEMVER = re.compile(r"^v\d+\.\d+\.\d+$")
MAJOR = re.compile(r"^1\.\d+$")


def raw_table() -> dict:
    text = resources.files("goenv_lsp").joinpath("data/gopls_support.toml").read_text("utf-8")
    return tomllib.loads(text)


# ---------------------------------------------------------------------------------------------------------------
# recommended_for(major, local, can_switch): one row per Go 1.16–1.27, with the reason
# ---------------------------------------------------------------------------------------------------------------

# (go major, gopls when the go command may switch toolchains or the local go is unknown, why)
WITH_SWITCH = [
    ("1.16", "v0.11.0", "gopls' own table: last without warnings for 1.16/1.17"),
    ("1.17", "v0.11.0", "gopls' own table: last without warnings for 1.16/1.17"),
    ("1.18", "v0.14.2", "gopls' own table: last without warnings for 1.18"),
    ("1.19", "v0.15.3", "gopls' own table: last without warnings for 1.19/1.20"),
    ("1.20", "v0.15.3", "gopls' own table: last without warnings for 1.19/1.20"),
    ("1.21", "v0.17.1", "policy: v0.17 is the last line supporting three go commands incl. 1.21"),
    ("1.22", "v0.17.1", "policy: v0.18 supports only 1.23/1.24"),
    ("1.23", "v0.20.0", "policy: v0.21 supports only 1.24/1.25"),
    ("1.24", "v0.21.1", "policy: v0.22 supports only 1.25/1.26"),
    ("1.25", "v0.23.0", "policy: v0.23 (1.25/1.26) is the newest release listing it"),
    ("1.26", "v0.23.0", "the newest release supports 1.25/1.26"),
    ("1.27", "v0.23.0", "newer than the table: the newest gopls"),
]


@pytest.mark.parametrize(("major", "gopls", "why"), WITH_SWITCH, ids=[m for m, _, _ in WITH_SWITCH])
def test_recommendation_when_the_go_command_may_switch(major: str, gopls: str, why: str) -> None:
    assert recommended_for(major, "", True) == Recommendation(gopls), why
    assert recommended_for(major) == Recommendation(gopls), why  # the defaults: unknown local, may switch


@pytest.mark.parametrize(("major", "gopls", "why"), WITH_SWITCH, ids=[m for m, _, _ in WITH_SWITCH])
def test_recommendation_with_an_unknown_local_go_ignores_can_switch(major: str, gopls: str, why: str) -> None:
    assert recommended_for(major, "", False) == Recommendation(gopls), why


# (local go, gopls with GOTOOLCHAIN=local, why): the newest supporting release the local go can build
LOCAL_ONLY = [
    ("1.16.15", "v0.11.0", "go.mod's `go 1.18` was advisory before Go 1.21"),
    ("1.17.13", "v0.11.0", "go.mod's `go 1.18` was advisory before Go 1.21"),
    ("1.18.10", "v0.14.2", "builds with go 1.18"),
    ("1.19.13", "v0.15.3", "builds with go 1.18"),
    ("1.20.14", "v0.15.3", "builds with go 1.18"),
    ("1.21.13", "v0.16.2", "v0.17.1 needs go 1.23.1; v0.16.2 (go 1.19) still supports 1.21"),
    ("1.22.10", "v0.16.2", "v0.17.1 needs go 1.23.1; v0.16.2 (go 1.19) still supports 1.22"),
    ("1.23.0", "v0.16.2", "v0.17.1 needs 1.23.1, v0.18.1 1.23.4, v0.19/v0.20 1.24.2"),
    ("1.23.1", "v0.17.1", "exactly v0.17.1's minimum"),
    ("1.23.3", "v0.17.1", "below v0.18.1's 1.23.4"),
    ("1.23.4", "v0.18.1", "below v0.19/v0.20's 1.24.2"),
    ("1.24.0", "v0.18.1", "v0.21.1 needs go 1.25, v0.19/v0.20 need 1.24.2"),
    ("1.24.2", "v0.20.0", "v0.20.0 needs go 1.24.2; v0.21.1 needs 1.25"),
    ("1.25.0", "v0.21.1", "v0.22/v0.23 need go 1.26.0; v0.21.1's `go 1.25` is below 1.25.0"),
    ("1.25.7", "v0.21.1", "v0.22/v0.23 need go 1.26.0"),
    ("1.26.0", "v0.23.0", "exactly v0.23.0's minimum"),
    ("1.27.3", "v0.23.0", "newer than the table, and it builds v0.23.0"),
]


@pytest.mark.parametrize(("local", "gopls", "why"), LOCAL_ONLY, ids=[v for v, _, _ in LOCAL_ONLY])
def test_recommendation_with_gotoolchain_local(local: str, gopls: str, why: str) -> None:
    assert recommended_for(gover.major(local), local, False) == Recommendation(gopls), why


@pytest.mark.parametrize(("local", "gopls"), [("1.21.13", "v0.17.1"), ("1.22.10", "v0.17.1"),
                                              ("1.23.0", "v0.20.0"), ("1.24.0", "v0.21.1"),
                                              ("1.25.0", "v0.23.0")])
def test_gotoolchain_auto_may_fetch_the_newer_go_a_release_needs(local: str, gopls: str) -> None:
    assert recommended_for(gover.major(local), local, True) == Recommendation(gopls)


def test_no_buildable_release_names_the_oldest_candidate_and_the_go_it_needs() -> None:
    # a 1.26 release candidate with GOTOOLCHAIN=local builds neither v0.23.0 nor v0.22.0 (go 1.26.0)
    assert recommended_for("1.26", "1.26rc1", False) == Recommendation("v0.22.0", "1.26.0")
    assert recommended_for("1.26", "1.26rc1", True) == Recommendation("v0.23.0")


@pytest.mark.parametrize(("major", "gopls"), [("1.15", "v0.9.5"), ("1.14", "v0.9.5"), ("1.13", "v0.9.5"),
                                              ("1.12", "v0.7.5"), ("1.10", "v0.7.5")])
def test_go_older_than_the_release_table_gets_the_entry_that_covers_it(major: str, gopls: str) -> None:
    assert recommended_for(major, "", False) == Recommendation(gopls)


@pytest.mark.parametrize("major", ["1.28", "1.30", "2.0"])
def test_go_newer_than_the_table_gets_the_newest_gopls(major: str) -> None:
    assert recommended_for(major, f"{major}.1", False) == Recommendation("v0.23.0")


@pytest.mark.parametrize("major", ["", "x", "go1.22"])
def test_invalid_major_has_no_recommendation(major: str) -> None:
    assert recommended_for(major) is None


# ---------------------------------------------------------------------------------------------------------------
# helpers over release names
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("version", "line"), [
    ("v0.16.2", "v0.16"), ("v0.16.3-0.20240920123456-abcdefabcdef", "v0.16"), ("v0.21.0-pre.1", "v0.21"),
    ("v1.0.0", "v1.0"), ("(devel)", ""), ("master", ""), ("", ""), ("0.16.2", ""), ("v0.16", ""),
])
def test_release_line(version: str, line: str) -> None:
    assert release_line(version) == line


def test_line_key_orders_release_lines_numerically() -> None:
    assert line_key("v0.9.5") < line_key("v0.10.0") < line_key("v0.23.0") < line_key("v1.0.0")
    assert line_key("(devel)") == (-1, -1)


def test_release_for_maps_patches_and_pseudo_versions_to_their_line() -> None:
    assert release_for("v0.16.0").gopls == "v0.16.2"
    assert release_for("v0.16.3-0.20240920123456-abcdefabcdef").gopls == "v0.16.2"
    assert release_for("v0.0.0-20220330174940-8e193c2ba95e") is None  # pseudo-version before any tag
    assert release_for("v0.24.0") is None  # not in the table yet
    assert release_for("(devel)") is None and release_for("") is None


# ---------------------------------------------------------------------------------------------------------------
# data integrity of gopls_support.toml
# ---------------------------------------------------------------------------------------------------------------

SOURCED_TABLES = ("release", "last_for_go", "last_by_policy")


@pytest.mark.parametrize("table", SOURCED_TABLES)
def test_every_entry_names_its_source(table: str) -> None:
    entries = raw_table()[table]
    assert entries, table
    for entry in entries:
        assert isinstance(entry.get("source"), str) and len(entry["source"].strip()) > 10, entry
    assert raw_table()["support_policy_source"].strip()


def test_releases_are_newest_first_with_parseable_versions() -> None:
    releases = raw_table()["release"]
    keys = [line_key(r["gopls"]) for r in releases]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys), "newest first, one per line"
    dates = [r["date"] for r in releases]
    assert dates == sorted(dates, reverse=True)
    for release in releases:
        assert SEMVER.match(release["gopls"]), release["gopls"]
        assert gover.is_valid(release["build_go_min"]), release
        assert release.get("first_date", "") <= release["date"]
        assert re.match(r"^\d{4}-\d{2}(-\d{2})?$", release["date"]), release


def test_release_go_lists_are_valid_majors_in_ascending_order() -> None:
    for release in raw_table()["release"]:
        for field in ("supported_go", "best_effort_go", "warn_go"):
            majors = release.get(field, [])
            assert all(MAJOR.match(m) and gover.is_valid(m) for m in majors), (release["gopls"], field, majors)
            assert majors == sorted(majors, key=gover.sort_key), (release["gopls"], field)
        assert release["supported_go"], release["gopls"]
        if "error_go_max" in release:
            assert MAJOR.match(release["error_go_max"])


def test_loaded_table_matches_the_file() -> None:
    data, table = raw_table(), support()
    assert [r.gopls for r in table.releases] == [r["gopls"] for r in data["release"]]
    assert table.latest_go_major == data["latest_go_major"]
    assert data["latest_gopls"] == table.releases[0].gopls
    assert all(r.source for r in table.releases)


def test_supported_go_now_is_the_two_newest_majors() -> None:
    data = raw_table()
    latest = data["latest_go_major"]
    assert MAJOR.match(latest) and gover.is_valid(latest)
    assert data["supported_go_now"] == [f"1.{int(latest.split('.')[1]) - 1}", latest]


def test_last_for_go_entries_are_valid() -> None:
    for entry in raw_table()["last_for_go"]:
        assert MAJOR.match(entry["go"]) and SEMVER.match(entry["gopls"]), entry


def test_last_by_policy_is_the_newest_release_listing_that_go() -> None:
    releases = support().releases
    for entry in raw_table()["last_by_policy"]:
        newest = next(r for r in releases if entry["go"] in r.supported_go)
        assert entry["gopls"] == newest.gopls, entry


def test_policy_entries_do_not_shadow_gopls_own_table() -> None:
    data = raw_table()
    assert not {e["go"] for e in data["last_for_go"]} & {e["go"] for e in data["last_by_policy"]}
