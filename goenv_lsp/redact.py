"""Secrets never enter facts, output or logs (docs/security.md).

Two ways a value is recognised as a secret, both applied where facts are made (the probe) and again to
every log line:
- by the name it is stored under: ``GITHUB_TOKEN``, ``go.toolsEnvVars.NPM_AUTH_TOKEN``, ``DB_PASSWORD``,
  ``main.apiKey`` in ``-ldflags=-X``, a ``build.env`` entry …: the whole value is hidden;
- by its shape, wherever it appears: the user information of a URL (``https://user:p@ss@host``), secret
  query parameters (``?token=…``), key-like segments of a URL path, well-known token formats (GitHub,
  GitLab, Slack, AWS, Google, npm, PyPI, JWTs, private keys), ``Authorization`` headers and
  ``--password=…`` style flags.
Hidden values become the stable placeholder ``<redacted>``: the same text in every run and on every machine,
so facts of two runs compare equal and nothing about the value (not even its length) leaks.

GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE stay readable (rules match module paths against them);
secrets inside them are hidden by shape like anywhere else. GOAUTH keeps its method words
(``off``, ``netrc``, ``git``, ``command``) and hides their arguments.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping

PLACEHOLDER = "<redacted>"

_SECRET_WORDS = (r"token|secret|passwd|password|passphrase|pass|pwd|credentials?|api[-_.]?key|apikey|"
                 r"access[-_.]?key|private[-_.]?key|client[-_.]?secret|auth|authorization|session|cookie|"
                 r"signature|sig|bearer|webhook|dsn|key")
# a name is secret when one of its words (split at _ . - and camelCase) is a secret word
_NAME_WORD = re.compile(rf"^(?:{_SECRET_WORDS})$", re.IGNORECASE)
_NOT_SECRET_NAMES = frozenset({"PWD", "OLDPWD", "GOAUTH", "SSH_AUTH_SOCK", "GPG_AGENT_INFO",
                               "XAUTHORITY", "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOINSECURE"})
_ONLY_WITH_ANOTHER_WORD = frozenset({"key", "auth", "session", "sig", "pass", "cookie", "signature", "dsn"})
_SPLIT_NAME = re.compile(r"[_.\-\s/]+|(?<=[a-z0-9])(?=[A-Z])")

# Every pattern is linear in its input (fuzzed: tests/fuzz): a match can start only where a word starts, and
# what can repeat inside one is bounded.
_URL_USERINFO = re.compile(r"(?<=://)[^/\s,|\"'<>]{0,256}@(?=[^\s@/,|\"'<>]{0,256}(?:[/\s,|\"'<>]|$))")
_URL = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s,|\"'<>]+")
_SECRET_QUERY = re.compile(rf"([?&;](?:[\w.-]{{0,40}}?(?:{_SECRET_WORDS})[\w.-]{{0,40}}|code|key)=)[^&#\s,|\"'<>]+",
                           re.IGNORECASE)
_TOKENS = re.compile("|".join((
    r"\bgh[pousr]_[A-Za-z0-9]{20,}", r"\bgithub_pat_[A-Za-z0-9_]{20,}", r"\bglpat-[A-Za-z0-9_-]{16,}",
    r"\bgl(?:dt|rt|ptt|cbt|imt|agent)-[A-Za-z0-9_-]{16,}", r"\bxox[abprs]-[A-Za-z0-9-]{10,}",
    r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b", r"\bAIza[0-9A-Za-z_-]{30,}", r"\bnpm_[A-Za-z0-9]{30,}",
    r"\bpypi-[A-Za-z0-9_-]{40,}", r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}", r"\bsk-[A-Za-z0-9_-]{20,}",
    r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", r"\bhf_[A-Za-z0-9]{30,}",
    r"-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]{0,20000}?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)",
)))
_AUTH_HEADER = re.compile(r"\b((?:Proxy-)?Authorization\s*[:=]\s*(?:(?:Bearer|Basic|Token|Digest)\s+)?)[^\s,\"']+",
                          re.IGNORECASE)
_SCHEME_CREDENTIAL = re.compile(r"\b((?:Bearer|Basic)\s+)[A-Za-z0-9+/._~=-]{8,}")
# NAME=value, NAME: value, "NAME": "value", --name=value, -X main.apiKey=value … where NAME is secret
_ASSIGNMENT = re.compile(r"""(?P<lead>(?<![\w."'])(?P<quote>["']?)(?P<name>[A-Za-z_][\w.\-]{0,200})(?P=quote)"""
                         r"""[ \t]{0,40}(?:=|:[ \t]{0,40}|:=)[ \t]{0,40})"""
                         r"""(?P<value>"[^"]*"|'[^']*'|[^\s,;&"'}\]=]+)""")  # a value ends at "=": -X=main.key=…


def is_secret_name(name: str) -> bool:
    """``GITHUB_TOKEN``, ``db.password``, ``apiKey``: a name whose value is a secret."""
    last = re.split(r"[./]", name.strip())[-1] if "." in name or "/" in name else name.strip()
    if last.upper() in _NOT_SECRET_NAMES or not last:
        return False
    words = [w for w in _SPLIT_NAME.split(last) if w]
    if len(words) == 1 and words[0].lower() in _ONLY_WITH_ANOTHER_WORD:
        return False  # "key", "auth", "session" alone name a field of a structure, not a secret
    return any(_NAME_WORD.match(w) for w in words) and not _only_descriptive(words)


def _only_descriptive(words: list[str]) -> bool:
    """``KEY_FILE``, ``TOKEN_PATH``, ``AUTH_URL`` name where a secret is, not the secret itself."""
    return words[-1].lower() in ("file", "path", "dir", "url", "type", "mode", "method", "id", "name", "header",
                                 "helper", "sock", "socket", "length", "size", "count", "enabled", "required")


def redact_text(text: str) -> str:
    """Free text (a log line, a message, a value of any name): every secret its shape gives away is hidden."""
    if not text or len(text) < 6:
        return text
    text = _TOKENS.sub(PLACEHOLDER, text)
    text = _AUTH_HEADER.sub(lambda m: m.group(1) + PLACEHOLDER, text)
    text = _SCHEME_CREDENTIAL.sub(lambda m: m.group(1) + PLACEHOLDER, text)
    text = _URL.sub(_redact_url, text)
    return _ASSIGNMENT.sub(_redact_assignment, text)


def redact_credentials(text: str) -> str:
    """Only the user information of URLs: for whole files parsed afterwards (lines and columns before the
    credential stay where they are; ``redact_fields`` hides the rest in what the parser made)."""
    return _URL_USERINFO.sub(PLACEHOLDER + "@", text) if "://" in text else text


def redact_value(name: str, value: str) -> str:
    """A value stored under ``name`` (an environment variable, a setting, a GOENV line)."""
    if not value:
        return value
    if is_secret_name(name):
        return PLACEHOLDER
    short = name.rsplit(".", 1)[-1]
    if short == "GOAUTH":
        return _redact_goauth(value)
    if short in _MODULE_PATTERN_LISTS:
        return ",".join(e if _MODULE_PATTERN.fullmatch(e) and not _has_key(e) else PLACEHOLDER
                        for e in value.split(","))
    if short == "GOVCS":
        return ",".join(e if _GOVCS_ENTRY.fullmatch(e) and not _has_key(e) else PLACEHOLDER for e in value.split(","))
    value = redact_text(value)
    if short in ("GOFLAGS", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS"):
        value = _LINKER_X.sub(lambda m: m.group(1) + PLACEHOLDER, value)  # -X importpath.name=value
    return _KEYS.sub(lambda m: PLACEHOLDER if _looks_like_key(m.group(0)) else m.group(0), value)


# variables that hold comma-separated module path patterns (rules match module paths against them)
_MODULE_PATTERN_LISTS = frozenset({"GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE"})
# what a pattern holds, and what mistyped ones hold (a URL scheme, quotes, spaces, `;`: rules name those); "@"
# is not among them, so a URL with credentials is hidden whole
_MODULE_PATTERN = re.compile(r"[\w.*?\[\]/~+\-:;^\\\"'\s]*")
_GOVCS_ENTRY = re.compile(r"[\w.*?\[\]/~+-]+:(?:(?:git|hg|svn|bzr|fossil)(?:\|(?:git|hg|svn|bzr|fossil))*|all|off)")
_LINKER_X = re.compile(r"(-X[= ]?[\w./-]{1,200}=)[^\s\"']+")
# a whole word (between spaces, commas, "=", ":" or quotes) long enough to be a key; never part of a path
_KEYS = re.compile(r"(?<![^\s,;=:\"'])[A-Za-z0-9_+~-]{20,}(?![^\s,;=:\"'])")


def _has_key(text: str) -> bool:
    return any(_looks_like_key(m.group(0)) for m in _KEYS.finditer(text))


def redact_env(env: Mapping[str, str]) -> dict[str, str]:
    return {key: redact_value(key, value) for key, value in env.items()}


def redact_data(data: object, name: str = "") -> object:
    """JSON-like data: a value under a secret name is hidden whole, every other string by its shape."""
    if isinstance(data, str):
        return redact_value(name, data) if name else redact_text(data)
    if isinstance(data, list | tuple):
        return [redact_data(item, name) for item in data]
    if isinstance(data, Mapping):
        pair = data.get("key") if isinstance(data.get("key"), str) and "value" in data else None
        if pair is not None:  # a {"key": NAME, "value": …} pair: the value is NAME's
            return {k: redact_data(v, pair) if k == "value" else redact_data(v) for k, v in data.items()}
        return {key: (PLACEHOLDER if is_secret_name(str(key)) and _is_scalar(value) and value not in ("", None)
                      else redact_data(value, str(key) if _is_scalar(value) else ""))
                for key, value in data.items()}
    return data


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _redact_goauth(value: str) -> str:
    """GOAUTH="netrc; git /dir; command helper --token=x": the methods and git's directory stay, the arguments of
    commands go; empty commands stay empty."""
    kept = []
    for entry in value.split(";"):
        words = entry.strip().split(None, 1)
        if not words:
            kept.append("")  # an empty command: the go command rejects the value (GE414 says so)
        elif words[0] == "git" and len(words) == 2:
            kept.append(f"git {redact_text(words[1])}")  # a directory, hidden only where it looks like a secret
        else:
            kept.append(words[0] if len(words) == 1 else f"{words[0]} {PLACEHOLDER}")
    return "; ".join(kept)


def _redact_url(match: re.Match[str]) -> str:
    url = _URL_USERINFO.sub(PLACEHOLDER + "@", match.group(0))
    url = _SECRET_QUERY.sub(lambda m: m.group(1) + PLACEHOLDER, url)
    scheme_end = url.find("://") + 3
    host_end = url.find("/", scheme_end)
    if host_end < 0:
        return url
    path, _, rest = url[host_end:].partition("?")
    segments = [PLACEHOLDER if _looks_like_key(segment) else segment for segment in path.split("/")]
    return url[:host_end] + "/".join(segments) + (f"?{rest}" if rest else "")


def _looks_like_key(segment: str) -> bool:
    """A URL path segment that is a key rather than a name: long, mixed letters and digits, high entropy."""
    if len(segment) < 20 or not re.fullmatch(r"[A-Za-z0-9_\-+=~.]+", segment):
        return False
    if re.fullmatch(r"v?\d+(\.\d+)*([-+][\w.-]*)?", segment) or segment.count("-") >= 3 or "." in segment:
        return False  # versions (v0.0.0-2024…-abcdef), slugs and file names
    has_digit = any(c.isdigit() for c in segment)
    has_letter = any(c.isalpha() for c in segment)
    return has_digit and has_letter and _entropy(segment) >= 3.5


def _entropy(text: str) -> float:
    counts = {c: text.count(c) for c in set(text)}
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _redact_assignment(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[0] if value[:1] in ("'", '"') else ""
    if not is_secret_name(match.group("name")):  # a quoted value may hold assignments: -ldflags="-X a.key=…"
        inner = _ASSIGNMENT.sub(_redact_assignment, value[1:-1]) if quote else value
        return f"{match.group('lead')}{quote}{inner}{quote}" if quote else match.group(0)
    if value.strip("\"'") in ("", PLACEHOLDER):
        return match.group(0)
    return f"{match.group('lead')}{quote}{PLACEHOLDER}{quote}"


_NOT_TEXT_FIELDS = frozenset({"path", "kind", "real_path"})


def redact_fields(item: object, name: str = "") -> object:
    """A frozen dataclass tree (a file's facts) with its secrets hidden; the same object when it holds none.

    A ``key``/``value`` pair (a GOENV line, a setting, a Dockerfile ENV) is redacted by its name, every
    other text by its shape; file paths and kind names stay as they are."""
    if isinstance(item, str):
        return redact_value(name, item) if name else redact_text(item)
    if isinstance(item, tuple):
        items = tuple(redact_fields(i, name) for i in item)
        return item if all(a is b for a, b in zip(items, item, strict=True)) else items
    if isinstance(item, Mapping | list):
        redacted = redact_data(item, name)
        return item if redacted == item else redacted
    if not dataclasses.is_dataclass(item) or isinstance(item, type):
        return item
    key = getattr(item, "key", None)
    pair_name = key if isinstance(key, str) and hasattr(item, "value") else name  # a Spanned keeps its name
    changes = {}
    for field in dataclasses.fields(item):
        if field.name in _NOT_TEXT_FIELDS:
            continue
        value = getattr(item, field.name)
        new = redact_fields(value, pair_name if field.name == "value" else "")
        if new is not value and new != value:
            changes[field.name] = new
    return dataclasses.replace(item, **changes) if changes else item


# -- snapshots shared with others (`goenv-lsp snapshot --redact`): who and where, and private module hosts -----

USER_PLACEHOLDER, HOST_PLACEHOLDER = "<user>", "<host>"
# account and host names that identify nobody, or are words of paths: left as they are
GENERIC_ACCOUNTS = frozenset({"root", "admin", "administrator", "user", "users", "dev", "developer", "runner",
                              "build", "builder", "ci", "ubuntu", "debian", "vscode", "node", "app", "home", "go",
                              "gopher", "test", "tester", "jenkins", "gitlab-runner", "docker", "codespace",
                              "localhost", "default", "guest",
                              # words of paths: replacing them would garble the snapshot
                              "src", "bin", "pkg", "mod", "usr", "opt", "tmp", "var", "lib", "etc", "work", "code",
                              "git", "local", "share", "cache", "config", "vendor", "tools", "golang"})
_USER_FIELDS = frozenset({"USER", "LOGNAME", "USERNAME"})
_IDENTITY_FIELDS = _USER_FIELDS | {"HOSTNAME", "COMPUTERNAME", "USERDOMAIN"}
# hosting services where many owners keep modules: what is private is the owner's path under them
PUBLIC_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com", "dev.azure.com",
                          "git.sr.ht", "go.googlesource.com", "golang.org", "gopkg.in"})
PRIVATE_LISTS = ("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE")


def identity_replacements(users: set[str], hosts: set[str]) -> dict[str, str]:
    """The user and host names worth hiding (not generic, at least 3 characters) → their placeholders; a host
    name's first label too (``laptop`` of ``laptop.corp.example``)."""
    out: dict[str, str] = {}
    for host in hosts:
        for name in (host, host.split(".", 1)[0]):
            if len(name) >= 3 and name.lower() not in GENERIC_ACCOUNTS:
                out[name] = HOST_PLACEHOLDER
    for user in users:
        if len(user) >= 3 and user.lower() not in GENERIC_ACCOUNTS:
            out[user] = USER_PLACEHOLDER
    return out


def private_module_names(patterns: list[str]) -> dict[str, str]:
    """GOPRIVATE-style patterns → what to hide and its placeholder: a host (``*.corp.example`` → ``corp.example``
    as ``<host-1>``), an owner under a public host (``github.com/acme`` → ``github.com/<org-1>``), or a pattern
    whose first element is a glob, as written (``<private-1>``). Numbered in sorted order: the same patterns
    give the same placeholders in every snapshot."""
    hosts, owners, others = set(), set(), set()
    for pattern in patterns:
        for entry in pattern.split(","):
            entry = entry.strip().strip("\"'")
            if not entry or entry == PLACEHOLDER:
                continue
            first, _, rest = entry.removeprefix("*.").partition("/")
            first = first.lower()
            if any(c in first for c in "*?[]\\"):
                others.add(entry)
            elif first in PUBLIC_HOSTS:
                owner = rest.split("/", 1)[0]
                if owner and not any(c in owner for c in "*?[]\\"):
                    owners.add(f"{first}/{owner}")
                elif owner:
                    others.add(entry)
            elif "." in first:
                hosts.add(first)
    out = {host: f"<host-{i}>" for i, host in enumerate(sorted(hosts), start=1)}
    out.update({owner: f"{owner.split('/')[0]}/<org-{i}>" for i, owner in enumerate(sorted(owners), start=1)})
    out.update({other: f"<private-{i}>" for i, other in enumerate(sorted(others), start=1)})
    return out


def patterns_in(data: object) -> list[str]:
    """The values of GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE anywhere in JSON-like data: environment maps
    (``{"GOPRIVATE": …}``), GOENV lines and settings (``{"key": "GOPRIVATE", "value": …}``), shell assignments
    (``{"name": "GOPRIVATE", "value": {"value": …}}``), `goenv-lsp env` rows."""
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            named = item.get("key") or item.get("name")
            if isinstance(named, str) and named.rsplit(".", 1)[-1] in PRIVATE_LISTS:
                value = item.get("value")
                value = value.get("value") if isinstance(value, dict) else value
                if isinstance(value, str):
                    found.append(value)
            for key, value in item.items():
                if key in PRIVATE_LISTS and isinstance(value, str):
                    found.append(value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
    return found


def replace_names(data: object, replacements: dict[str, str], within_hosts: bool = True) -> object:
    """JSON-like data, keys too, with each name of ``replacements`` (a private module host or path; with
    ``within_hosts=False`` a user or host name) replaced wherever it stands as a whole word: a module host also
    as the end of a longer host name (``git.corp.example``), never inside a label (``my-corp.example``); a user
    name also between hyphens (``src-alice-2``). Values of USER, LOGNAME, HOSTNAME … become placeholders whole."""
    if not replacements:
        return data
    longest_first = sorted(replacements, key=lambda name: (-len(name), name))
    before, after = (r"(?<![A-Za-z0-9_-])", r"(?![A-Za-z0-9_-]|\.[A-Za-z0-9])") if within_hosts else (
        r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])")
    pattern = re.compile("|".join(rf"{before}{re.escape(n)}{after}" for n in longest_first), re.IGNORECASE)
    lowered = {name.lower(): value for name, value in replacements.items()}

    def text(value: str) -> str:
        return pattern.sub(lambda m: lowered[m.group(0).lower()], value)

    def walk(item: object, name: str = "") -> object:
        if isinstance(item, str):
            if name in _IDENTITY_FIELDS and item:
                return USER_PLACEHOLDER if name in _USER_FIELDS else HOST_PLACEHOLDER
            return text(item)
        if isinstance(item, list):
            return [walk(i) for i in item]
        if isinstance(item, dict):
            return {text(k): walk(v, k) for k, v in item.items()}
        return item

    return walk(data)
