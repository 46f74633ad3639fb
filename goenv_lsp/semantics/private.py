"""Where the go command fetches and verifies a module (go-semantics.md §5), and which module paths look private.

``DownloadSettings`` holds the user's GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE (each
with where it was set) and what follows from them: GONOPROXY and GONOSUMDB default to GOPRIVATE (an empty
value counts as unset); a path matching GONOPROXY is fetched from its origin whatever GOPROXY lists
(modfetch.lookup: the implicit "noproxy" entry), every other path goes down the GOPROXY list; a path
matching GONOSUMDB is not looked up in the checksum database.
"""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts
from goenv_lsp.semantics.go_env import Setting, user_setting
from goenv_lsp.semantics.patterns import match_prefix_patterns
from goenv_lsp.semantics.proxy import ProxyList, SumDB, parse_goproxy, parse_gosumdb

PATTERN_LISTS = ("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE")
# Hosts of public modules (a module there is never called private: a private repository on github.com
# cannot be told from a public one). goenv-lsp.toml `[private-modules] public-hosts` adds more.
PUBLIC_HOSTS = (
    "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitea.com", "git.sr.ht", "launchpad.net",
    "googlesource.com", "golang.org", "google.golang.org", "cloud.google.com", "gopkg.in", "go.uber.org",
    "k8s.io", "sigs.k8s.io", "go.opentelemetry.io", "go.etcd.io", "go.mongodb.org", "go.opencensus.io",
    "gotest.tools", "honnef.co", "mvdan.cc", "rsc.io", "gorm.io", "gonum.org", "modernc.org", "gocloud.dev",
    "go.starlark.net", "cuelang.org", "cel.dev", "dario.cat", "filippo.io", "howett.net", "nhooyr.io",
    "go4.org", "inet.af", "tailscale.com", "golang.zx2c4.com", "gvisor.dev", "buf.build", "connectrpc.com",
    "entgo.io", "go.yaml.in", "helm.sh", "knative.dev", "istio.io", "tags.cncf.io", "oras.land", "storj.io",
    "go.temporal.io", "go.elastic.co", "go.mozilla.org", "software.sslmate.com", "pgregory.net", "zombiezen.com",
    "lukechampine.com", "bazil.org", "gioui.org", "fyne.io", "dagger.io", "go.step.sm", "goftp.io",
    "gitee.com", "go.lsp.dev", "go.bug.st", "go.abhg.dev", "go.jetify.com", "kernel.org", "salsa.debian.org",
    "gitlab.gnome.org", "invent.kde.org", "code.gitea.io", "gittea.dev", "src.techknowlogick.com",
    "github.io", "gopkg.io", "go.step.sm", "golang.design", "go.szostok.io", "go.withmatt.com",
)
# RFC 2606 / 6761 names: examples and tests, never a real private host
_RESERVED = ("example.com", "example.org", "example.net", "example", "test", "invalid", "localhost", "local")


@dataclass(frozen=True)
class DownloadSettings:
    goproxy: Setting
    gosumdb: Setting
    goprivate: Setting
    gonoproxy: Setting
    gonosumdb: Setting
    goinsecure: Setting
    proxies: ProxyList  # GOPROXY parsed

    @property
    def sumdb(self) -> SumDB:
        return parse_gosumdb(self.gosumdb.value)

    @property
    def noproxy(self) -> str:
        return self.gonoproxy.value or self.goprivate.value

    @property
    def nosumdb(self) -> str:
        return self.gonosumdb.value or self.goprivate.value

    def noproxy_setting(self) -> Setting:
        """The setting GONOPROXY's value comes from: GONOPROXY itself, else GOPRIVATE."""
        return self.gonoproxy if self.gonoproxy.value else self.goprivate

    def nosumdb_setting(self) -> Setting:
        return self.gonosumdb if self.gonosumdb.value else self.goprivate

    def sent_to_public_proxy(self, path: str) -> bool:
        """Does the go command ask a public mirror for ``path`` first?"""
        if match_prefix_patterns(self.noproxy, path):
            return False
        used = self.proxies.used
        return bool(used) and used[0].public

    def checked_in_public_sumdb(self, path: str) -> bool:
        sumdb = self.sumdb
        return not sumdb.disabled and sumdb.public and not match_prefix_patterns(self.nosumdb, path)


def download_settings(facts: Facts) -> DownloadSettings | None:
    """The settings, or None when one of them is unknown."""
    found = {key: user_setting(facts, key) for key in ("GOPROXY", "GOSUMDB", *PATTERN_LISTS)}
    if any(s is None for s in found.values()):
        return None
    return DownloadSettings(found["GOPROXY"], found["GOSUMDB"], found["GOPRIVATE"], found["GONOPROXY"],  # type: ignore[arg-type]
                            found["GONOSUMDB"], found["GOINSECURE"],  # type: ignore[arg-type]
                            parse_goproxy(found["GOPROXY"].value, facts.paths))  # type: ignore[union-attr]


def host_of(path: str) -> str:
    return path.split("/", 1)[0].lower()


def is_public_host(host: str, extra: tuple[str, ...] = ()) -> bool:
    host = host.lower()
    return any(host == known or host.endswith("." + known) for known in (*PUBLIC_HOSTS, *extra))


def looks_private(path: str, extra_public: tuple[str, ...] = ()) -> bool:
    """A module path the go command can fetch (a dot in its first element) on a host that is neither a
    well-known public one nor reserved for examples and tests."""
    host = host_of(path)
    if "." not in host or host.startswith(".") or host.endswith("."):
        return False  # not fetchable at all ("missing dot in first path element"): a local-only path
    if any(host == name or host.endswith("." + name) for name in _RESERVED):
        return False
    return not is_public_host(host, extra_public)


def same_site(a: str, b: str) -> bool:
    """Do two hosts share their last two labels (git.corp.com and gitlab.corp.com)?"""
    return a.split(".")[-2:] == b.split(".")[-2:]


def extra_public_hosts(facts: Facts) -> tuple[str, ...]:
    """Hosts the workspace's goenv-lsp.toml declares public (``[private-modules] public-hosts``)."""
    from goenv_lsp.files.project_config import project_config

    config = project_config(facts)
    return config.public_hosts if config is not None else ()
