"""GE822 ci-image-floats: the pinned tag the fix writes, and on a real repository probed by the real collector,
the fix clears it without GE801 taking over (the tag is the go line's own version)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ci_repo import apply, findings, repository

from goenv_lsp.facts import Spanned
from goenv_lsp.files._ci import floats, image_ref
from goenv_lsp.model import Range
from goenv_lsp.rules.ge8_versions.ge822_ci_image_floats import pinned


@pytest.mark.parametrize(("image", "target"), [
    ("golang", "golang:1.27"), ("golang:latest", "golang:1.27"), ("golang:1", "golang:1.27"),
    ("golang:alpine", "golang:1.27-alpine"), ("golang:1-alpine3.21", "golang:1.27-alpine3.21"),
    ("docker.io/library/golang:bookworm", "docker.io/library/golang:1.27-bookworm"),
    ("$CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX/golang:latest", "$CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX/golang:1.27"),
])
def test_the_pinned_tag_keeps_the_variant(image: str, target: str) -> None:
    assert pinned(image, "1.27") == target
    assert not floats(Spanned(target, Range.of(0, 0)))


@pytest.mark.parametrize("image", ["golang:1.27", "golang:1.27.3-alpine", "golang@sha256:0123", "golang:$TAG",
                                   "golang:latest@sha256:0123", "example.com/mirror/golang:latest", "golangci/x:latest",
                                   "golang:1.28rc1"])
def test_pinned_digested_variable_and_other_images_do_not_float(image: str) -> None:
    assert not floats(Spanned(image, Range.of(0, 0))), image_ref(image)


def test_gitlab_latest_is_pinned_to_the_go_line(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".gitlab-ci.yml": """\
        image: golang:latest
        lint:
          image: {name: "golang:alpine", entrypoint: [""]}
          script: go vet ./...
        test:
          script:
            - go test ./...
        """}, go_line="1.27.3")
    found = findings(root, env, "GE822")
    assert [(f.location.range.start.line, f.location.range.start.character) for f in found] == [(0, 7), (2, 17)]
    assert found[0].message == ("`golang:latest` in GitLab CI configuration .gitlab-ci.yml moves across Go versions: "
                                "it is whatever Go was released last, not the go line's 1.27, and changes with no "
                                "commit; pin golang:1.27")
    for finding in reversed(found):
        apply(finding)
    text = (root / ".gitlab-ci.yml").read_text()
    assert text.startswith("image: golang:1.27\n") and '"golang:1.27-alpine"' in text
    assert findings(root, env, "GE822", "GE801") == []


def test_no_module_no_finding(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".gitlab-ci.yml": "image: golang:latest\ntest:\n  script: [make]\n"})
    (root / "go.mod").unlink()
    assert findings(root, env, "GE822") == []
