from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.dockerfile import DockerfileFacts, DockerStage, root_stage
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, Fix, Location, Range, Related, Severity, TextEdit
from goenv_lsp.rules.ge8_versions._docker import copies_from, ok_dockerfiles, runs, stage_named
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
A Dockerfile whose final stage is `FROM scratch` and receives a binary built in an earlier stage, with no CA
certificates copied or added (`/etc/ssl/certs/ca-certificates.crt`, any `COPY`/`ADD` of certificates, or
`SSL_CERT_FILE`/`SSL_CERT_DIR` set), while the module's go.mod requires a client of HTTPS services (the AWS,
Google Cloud and Azure SDKs, `google.golang.org/api`, `golang.org/x/oauth2`, GitHub, Stripe and Slack
clients…), so the program surely makes TLS calls. Programs that may or may not use TLS are not reported, nor is
a module that embeds its roots (`golang.org/x/crypto/x509roots/fallback`). distroless images (`static`, `base`)
already contain ca-certificates and are fine.

## Why it matters
`scratch` is empty: no `/etc/ssl/certs`, so Go's crypto/x509 finds no root certificates and every TLS
connection fails at run time, not at build time: `tls: failed to verify certificate: x509: certificate signed by
unknown authority`.

## How to fix
Copy the build image's bundle into the final image: `COPY --from=build /etc/ssl/certs/ca-certificates.crt
/etc/ssl/certs/` (the quick fix, when the build stage is an official golang image, whose Debian and Alpine
variants both have that file), or use `gcr.io/distroless/static` as the final image, or import
`golang.org/x/crypto/x509roots/fallback`.

## Example
```dockerfile
FROM golang:1.27-alpine AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM scratch
COPY --from=build /app /app
```
with go.mod requiring `github.com/aws/aws-sdk-go-v2`.
"""

HTTPS_CLIENTS = (
    "github.com/aws/aws-sdk-go", "github.com/aws/aws-sdk-go-v2", "cloud.google.com/go", "google.golang.org/api",
    "github.com/Azure/azure-sdk-for-go", "golang.org/x/oauth2", "github.com/google/go-github",
    "github.com/stripe/stripe-go", "github.com/slack-go/slack", "github.com/twilio/twilio-go",
    "github.com/sendgrid/sendgrid-go", "github.com/getsentry/sentry-go",
)
_EMBEDDED_ROOTS = "golang.org/x/crypto/x509roots/fallback"
_CERTIFICATES = re.compile(r"ca-certificates|/etc/ssl|\bcerts?\b|\.crt\b|\.pem\b|SSL_CERT_(?:FILE|DIR)", re.I)
_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


@rule(code="GE814", name="scratch-without-ca-certificates", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("dockerfile",),
      summary="A FROM scratch image of a program that calls HTTPS services has no CA certificates",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Copy the build image's CA bundle into the final image",
      needs=(Input.MODULES, "go.mod", "dockerfile"), tags=("containers", "tls"))
def check(facts: Facts) -> Iterator[Report]:
    for dockerfile in ok_dockerfiles(facts):
        final = dockerfile.stages[-1] if dockerfile.stages else None
        if final is None or final.base is not None or final.repository.lower() != "scratch":
            continue
        if any(i.stage == final.index and i.keyword.value.upper() in ("COPY", "ADD", "ENV")
               and _CERTIFICATES.search(i.value) for i in dockerfile.instructions):
            continue
        client = _https_client(facts, dockerfile)
        built = _build_stage(facts, dockerfile, final)
        if client is not None and built is not None:
            yield _report(dockerfile, final, built, *client)


def _https_client(facts: Facts, dockerfile: DockerfileFacts) -> tuple[ModFileFacts, str] | None:
    module = facts.module_for(dockerfile.path)
    go_mod = facts.file(module.go_mod) if module else None
    if not isinstance(go_mod, ModFileFacts):
        return None
    paths = [r.path for r in go_mod.requires]
    if _EMBEDDED_ROOTS in paths:
        return None
    found = next((p for p in paths for c in HTTPS_CLIENTS if p == c or p.startswith(c + "/")), None)
    return (go_mod, found) if found else None


def _build_stage(facts: Facts, dockerfile: DockerfileFacts, final: DockerStage) -> DockerStage | None:
    """The earlier stage the final one copies a go-built file from."""
    by_stage = runs(facts, dockerfile)
    for _, source in copies_from(dockerfile, final):
        stage = stage_named(dockerfile, source)
        if stage is not None and stage.index != final.index and any(
                c.subcommand.text in ("build", "install") for r in by_stage.get(stage.index, ()) for c in r.commands):
            return stage
    return None


def _report(dockerfile: DockerfileFacts, final: DockerStage, built: DockerStage, go_mod: ModFileFacts,
            client: str) -> Report:
    fixes = ()
    if root_stage(dockerfile, built).official_golang:
        name = built.stage or str(built.index)
        line = f"COPY --from={name} {_BUNDLE} /etc/ssl/certs/" + ("\r\n" if dockerfile.crlf else "\n")
        after = max((i.last for i in dockerfile.instructions if i.stage == final.index and i.line == final.line),
                    default=final.line)
        at = Range.of(after + 1, 0)  # below the whole FROM instruction
        fixes = (Fix(f"Copy {_BUNDLE} from the {name} stage", Applicability.SAFE,
                     edits=(TextEdit(dockerfile.path, at, line),)),)
    requirement = next(r for r in go_mod.requires if r.path == client)
    return Report(
        f"`FROM scratch` has no CA certificates, and this program calls HTTPS services (go.mod requires {client}): "
        "every TLS connection fails at run time with `tls: failed to verify certificate: x509: certificate signed "
        f"by unknown authority`; copy {_BUNDLE} from the build stage",
        Location(dockerfile.path, final.image.range), fixes,
        (Related(Location(go_mod.path, requirement.range), f"requires {client} {requirement.version}"),),
        module=go_mod.path)
