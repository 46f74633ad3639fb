"""Shapes as GoLand writes them, seen in public .idea/workspace.xml files and generators of them."""

from __future__ import annotations

import random

import pytest
from mutate import mutate  # type: ignore[import-not-found]

from goenv_lsp.facts import PathFlavor, PathOps, Spanned, Status
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.goland_workspace import GolandWorkspaceFacts, parse_goland_workspace
from goenv_lsp.model import Range

PATH = "/work/proj/.idea/workspace.xml"
PROJECT = "/work/proj"
HOME = "/home/me"

WORKSPACE = """\
<?xml version="1.0" encoding="UTF-8"?>
<project version="4">
  <component name="ChangeListManager">
    <list default="true" id="2b4c" name="Changes" comment="" />
    <option name="LAST_RESOLUTION" value="IGNORE" />
  </component>
  <component name="GOROOT" url="file://$USER_HOME$/sdk/go1.22.0" />
  <component name="Git.Settings">
    <option name="RECENT_GIT_ROOT_PATH" value="$PROJECT_DIR$" />
  </component>
  <component name="GoLibraries">
    <option name="indexEntireGoPath" value="false" />
    <option name="urls">
      <list>
        <option value="file://$PROJECT_DIR$/third_party" />
        <option value="file://$USER_HOME$/go" />
      </list>
    </option>
  </component>
  <component name="ProjectColorInfo">{
  &quot;associatedIndex&quot;: 5
}</component>
  <component name="VgoProject">
    <environment>
      <map>
        <entry key="GOFLAGS" value="-mod=readonly" />
        <entry key="GOPROXY" value="https://proxy.example.com,direct" />
      </map>
    </environment>
    <integration-enabled>false</integration-enabled>
    <settings-migrated>true</settings-migrated>
  </component>
</project>
"""


def ctx(home: str | None = HOME) -> ParseContext:
    return ParseContext(root=PROJECT, home=home, paths=PathOps(PathFlavor.POSIX))


def parse_bytes(data: bytes, home: str | None = HOME) -> GolandWorkspaceFacts:
    return parse_goland_workspace(data, PATH, ctx(home))


def parse(text: str, home: str | None = HOME) -> GolandWorkspaceFacts:
    return parse_bytes(text.encode("utf-8"), home)


def test_real_shape() -> None:
    facts = parse(WORKSPACE)
    assert facts.status is Status.OK and facts.problems == ()
    assert facts.goroot == Spanned("/home/me/sdk/go1.22.0", Range.of(6, 31, 64))  # the quoted url
    assert facts.goroot_raw == "file://$USER_HOME$/sdk/go1.22.0"
    assert (facts.path, facts.kind) == (PATH, "goland-workspace")


def test_older_path_attribute() -> None:
    # GoLand 2018.x: GOROOT as a plain path (next to the vgo settings of that time, which are not read)
    facts = parse('<?xml version="1.0" encoding="UTF-8"?>\n<project version="4">\n'
                  '  <component name="GOROOT" path="/opt/go/linux-x86" />\n'
                  '  <component name="VgoProject">\n'
                  '    <integration-enabled>true</integration-enabled>\n'
                  '    <proxy>direct</proxy>\n'
                  '  </component>\n</project>\n')
    assert facts.status is Status.OK
    assert facts.goroot == Spanned("/opt/go/linux-x86", Range.of(2, 32, 51))
    assert facts.goroot_raw == "/opt/go/linux-x86"


def test_nothing_go_related() -> None:
    facts = parse('<project version="4">\n  <component name="VgoProject">\n'
                  '    <settings-migrated>true</settings-migrated>\n  </component>\n</project>')
    assert facts == GolandWorkspaceFacts(path=PATH, kind="goland-workspace", status=Status.OK)


def test_url_forms() -> None:
    def goroot(url: str, home: str | None = HOME) -> str | None:
        facts = parse(f'<project><component name="GOROOT" url="{url}"/></project>', home)
        return facts.goroot.value if facts.goroot else None

    assert goroot("file:///usr/local/go") == "/usr/local/go"
    assert goroot("file:///opt/homebrew/opt/go/libexec") == "/opt/homebrew/opt/go/libexec"
    assert goroot("file://C:/Program Files/Go") == "C:/Program Files/Go"
    assert goroot("file:///C:/Go") == "C:/Go"
    assert goroot("file://$PROJECT_DIR$/../sdk") == "/work/proj/../sdk"
    assert goroot("file://$USER_HOME$/go", home=None) == "$USER_HOME$/go"  # unknown home: left as is
    assert goroot("file://$APPLICATION_HOME_DIR$/go") == "$APPLICATION_HOME_DIR$/go"
    assert goroot("") == ""


def test_attribute_order_entities_and_utf16_spans() -> None:
    facts = parse('<project>\n<!-- 𝔤 --> <component url="file:///a&amp;b/go&#x31;.22" name="GOROOT"/>\n'
                  "<component name='VgoProject'><environment><map>"
                  "<entry value='-tags=&quot;x&quot;' key='GOFLAGS'/><entry key='EMPTY'/>"
                  "</map></environment></component></project>")
    assert facts.status is Status.OK
    # 𝔤 is two UTF-16 units; the span is of the raw attribute text, quotes included
    assert facts.goroot == Spanned("/a&b/go1.22", Range.of(1, 27, 56))


def test_not_fooled_by_comments_cdata_or_nesting() -> None:
    facts = parse('<project>\n'
                  '  <!-- <component name="GOROOT" url="file:///commented" /> -->\n'
                  '  <component name="Notes"><![CDATA[<component name="GOROOT" url="file:///cdata"/>]]>'
                  '<component name="GOROOT" url="file:///nested"/></component>\n'
                  '  <component name="GOROOT" url="file:///real" />\n'
                  '</project>')
    assert facts.status is Status.OK
    assert facts.goroot is not None and facts.goroot.value == "/real"
    assert facts.goroot.range == Range.of(3, 31, 45)


def test_url_wins_over_path() -> None:
    facts = parse('<project><component name="GOROOT" path="/p" url="file:///u"/></project>')
    assert facts.goroot is not None and facts.goroot.value == "/u"


# (text, message, (line, column) 1-based where the position is pinned down)
@pytest.mark.parametrize(("text", "message", "where"), [
    (WORKSPACE[:WORKSPACE.index("url=") + 10], "unterminated value of attribute url", (7, 32)),
    (WORKSPACE[:-12], "the file ends inside <project> (truncated?)", None),
    (WORKSPACE.replace("</list>", ""), "</option> does not close <list>", (18, 5)),
    ("", "no XML root element", (1, 1)),
    ("  \n", "no XML root element", None),
    ("<project>&nbsp;</project>", "unknown entity &nbsp;", (1, 10)),
    ("<project>a & b</project>", "'&' must be written as &amp;", None),
    ('<project a="1" a="2"/>', "duplicate attribute a", None),
    ('<project a="1"b="2"/>', "attributes must be separated by whitespace", None),
    ("<project a=1/>", "the value of attribute a must be quoted", None),
    ('<project a="<"/>', "'<' in an attribute value", None),
    ("<project/><project/>", "a second root element <project>", None),
    ("<project/>junk", "text outside the root element", None),
    ("<project><!-- x </project>", "unterminated comment <!--", None),
    ("<project><![CDATA[x</project>", "unterminated <![CDATA[ section", None),
    ("<project>\x01</project>", "invalid character U+0001", None),
    ("<project>&#0;</project>", "invalid character reference &#0;", None),
    ("<project>&#99999999999999999;</project>", "invalid character reference", None),
    ("< project/>", "'<' not followed by a tag name", None),
    ("<workspace/>", "the root element is <workspace>, not <project>", (1, 1)),
    # no DTD processing: an external entity is never fetched, it is an unknown entity
    ('<?xml version="1.0"?>\n<!DOCTYPE project [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
     '<project><component name="GOROOT" url="&xxe;"/></project>', "unknown entity &xxe;", (5, 40)),
])
def test_malformed(text: str, message: str, where: tuple[int, int] | None) -> None:
    facts = parse(text)
    assert facts.status is Status.MALFORMED
    assert facts.goroot is None and facts.goroot_raw is None
    assert len(facts.problems) == 1
    problem = facts.problems[0]
    assert message in problem.message
    assert not problem.message.startswith("workspace.xml")  # the location is the range, not a prefix
    assert problem.range is not None and problem.range.start == problem.range.end
    if where is not None:
        assert problem.range == Range.of(where[0] - 1, where[1] - 1)


def test_binary_and_encoding_problems() -> None:
    facts = parse_bytes(b"<project>\x00\x01</project>")
    assert facts.status is Status.MALFORMED and "NUL byte" in facts.problems[0].message
    facts = parse_bytes(b'<project><component name="GOROOT" url="\xe9"/></project>')
    assert facts.status is Status.MALFORMED and "invalid UTF-8" in facts.problems[0].message
    facts = parse_bytes(b"\xef\xbb\xbf" + WORKSPACE.encode())
    assert facts.status is Status.OK and facts.goroot is not None
    assert facts.goroot.range == Range.of(6, 31, 64)  # the BOM is not a character


def test_crlf_line_ends() -> None:
    facts = parse(WORKSPACE.replace("\n", "\r\n"))
    assert facts.status is Status.OK
    assert facts.goroot is not None and facts.goroot.range == Range.of(6, 31, 64)


def test_random_bytes_never_raise() -> None:
    rng = random.Random(5)
    seed = WORKSPACE.encode()
    for _ in range(2000):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(80)))
        parse_bytes(data)
        mutated = mutate(seed, rng, b'<>/="\'&;![]-? x\n\xff')
        facts = parse_bytes(mutated, rng.choice([HOME, None]))
        assert (facts.status is Status.OK) == (not facts.problems)
