"""Shapes as GoLand writes them, seen in public .idea/workspace.xml files and generators of them."""

from __future__ import annotations

import random

import pytest
from mutate import mutate  # type: ignore[import-not-found]

from goenv_lsp.facts import IdeaFacts, Spanned, Status
from goenv_lsp.model import Range
from goenv_lsp.parsers.idea import parse_idea_workspace

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


def parse(text: str, home: str | None = HOME) -> IdeaFacts:
    return parse_idea_workspace(text.encode("utf-8"), PATH, PROJECT, home)


def test_real_shape() -> None:
    facts = parse(WORKSPACE)
    assert facts.status is Status.OK and facts.problems == ()
    assert facts.goroot == Spanned("/home/me/sdk/go1.22.0", Range.of(6, 31, 64))  # the quoted url
    assert facts.goroot_raw == "file://$USER_HOME$/sdk/go1.22.0"
    assert facts.gopath == (Spanned("/work/proj/third_party", Range.of(14, 22, 56)),
                            Spanned("/home/me/go", Range.of(15, 22, 45)))
    assert facts.vgo_enabled is False
    assert facts.vgo_env == (Spanned("GOFLAGS=-mod=readonly", Range.of(25, 35, 50)),
                             Spanned("GOPROXY=https://proxy.example.com,direct", Range.of(26, 35, 69)))


def test_older_path_attribute_and_vgo_proxy() -> None:
    # GoLand 2018.x: GOROOT as a plain path; the vgo settings with a proxy (passed to vgo as GOPROXY)
    facts = parse('<?xml version="1.0" encoding="UTF-8"?>\n<project version="4">\n'
                  '  <component name="GOROOT" path="/opt/go/linux-x86" />\n'
                  '  <component name="VgoProject">\n'
                  '    <integration-enabled>true</integration-enabled>\n'
                  '    <proxy>direct</proxy>\n'
                  '  </component>\n</project>\n')
    assert facts.status is Status.OK
    assert facts.goroot == Spanned("/opt/go/linux-x86", Range.of(2, 32, 51))
    assert facts.goroot_raw == "/opt/go/linux-x86"
    assert facts.vgo_enabled is True
    assert facts.vgo_env == (Spanned("GOPROXY=direct", Range.of(5, 11, 17)),)


def test_nothing_go_related() -> None:
    facts = parse('<project version="4">\n  <component name="VgoProject">\n'
                  '    <settings-migrated>true</settings-migrated>\n  </component>\n</project>')
    assert facts == IdeaFacts(PATH, Status.OK)


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
    assert facts.vgo_env == (Spanned('GOFLAGS=-tags="x"', Range.of(2, 60, 81)),
                             Spanned("EMPTY=", Range.of(2, 108, 115)))  # no value: the key's span


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


@pytest.mark.parametrize(("text", "message"), [
    (WORKSPACE[:WORKSPACE.index("url=") + 10], "workspace.xml:7:32: unterminated value of attribute url"),
    (WORKSPACE[:-12], "the file ends inside <project> (truncated?)"),
    (WORKSPACE.replace("</list>", ""), "workspace.xml:18:5: </option> does not close <list>"),
    ("", "workspace.xml:1:1: no XML root element"),
    ("  \n", "no XML root element"),
    ("<project>&nbsp;</project>", "workspace.xml:1:10: unknown entity &nbsp;"),
    ("<project>a & b</project>", "'&' must be written as &amp;"),
    ('<project a="1" a="2"/>', "duplicate attribute a"),
    ('<project a="1"b="2"/>', "attributes must be separated by whitespace"),
    ("<project a=1/>", "the value of attribute a must be quoted"),
    ('<project a="<"/>', "'<' in an attribute value"),
    ("<project/><project/>", "a second root element <project>"),
    ("<project/>junk", "text outside the root element"),
    ("<project><!-- x </project>", "unterminated comment <!--"),
    ("<project><![CDATA[x</project>", "unterminated <![CDATA[ section"),
    ("<project>\x01</project>", "invalid character U+0001"),
    ("<project>&#0;</project>", "invalid character reference &#0;"),
    ("<project>&#99999999999999999;</project>", "invalid character reference"),
    ("< project/>", "'<' not followed by a tag name"),
    ("<workspace/>", "workspace.xml:1:1: the root element is <workspace>, not <project>"),
    # no DTD processing: an external entity is never fetched, it is an unknown entity
    ('<?xml version="1.0"?>\n<!DOCTYPE project [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
     '<project><component name="GOROOT" url="&xxe;"/></project>', "workspace.xml:5:40: unknown entity &xxe;"),
])
def test_malformed(text: str, message: str) -> None:
    facts = parse(text)
    assert facts.status is Status.MALFORMED
    assert facts.goroot is None and facts.gopath == () and facts.vgo_env == ()
    assert len(facts.problems) == 1
    assert message in facts.problems[0].message
    assert facts.problems[0].message.startswith("workspace.xml:")


def test_binary_and_encoding_problems() -> None:
    facts = parse_idea_workspace(b"<project>\x00\x01</project>", PATH, PROJECT, HOME)
    assert facts.status is Status.MALFORMED and "NUL byte" in facts.problems[0].message
    facts = parse_idea_workspace(b'<project><component name="GOROOT" url="\xe9"/></project>', PATH, PROJECT, HOME)
    assert facts.status is Status.MALFORMED and "invalid UTF-8" in facts.problems[0].message
    facts = parse_idea_workspace(b"\xef\xbb\xbf" + WORKSPACE.encode(), PATH, PROJECT, HOME)
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
        parse_idea_workspace(data, PATH, PROJECT, HOME)
        mutated = mutate(seed, rng, b'<>/="\'&;![]-? x\n\xff')
        facts = parse_idea_workspace(mutated, PATH, PROJECT, rng.choice([HOME, None]))
        assert (facts.status is Status.OK) == (not facts.problems)
