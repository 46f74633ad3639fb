"""Which context a `check` runs in: ``--context editor|ci|auto`` (see ``rules.registry.Context``).

auto is ci when the environment says a CI service runs the job: ``CI`` (set by nearly all of them) or a
service's own variable, set to anything but empty, ``false`` or ``0``; else editor. The language server is
always the editor context.
"""

from __future__ import annotations

from collections.abc import Mapping

from goenv_lsp.rules.registry import Context

AUTO = "auto"
CHOICES = (AUTO, *(c.value for c in Context))
CI_VARIABLES = (
    "CI",  # GitHub Actions, GitLab, CircleCI, Travis, Buildkite, Drone, Woodpecker, Bitbucket, AppVeyor …
    "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TRAVIS", "APPVEYOR", "DRONE", "WOODPECKER",
    "TF_BUILD",  # Azure Pipelines
    "JENKINS_URL", "HUDSON_URL", "TEAMCITY_VERSION", "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID", "CIRRUS_CI",
    "SEMAPHORE", "BITRISE_IO", "GITEA_ACTIONS", "GO_PIPELINE_NAME",  # GoCD
    "CF_BUILD_ID",  # Codefresh
    "SCREWDRIVER",
)
_FALSE = ("", "false", "0")


def ci_variable(env: Mapping[str, str]) -> str | None:
    """The first variable that says a CI service runs this process, or None."""
    return next((name for name in CI_VARIABLES if env.get(name, "").strip().lower() not in _FALSE), None)


def resolve(choice: str, env: Mapping[str, str]) -> Context:
    """``choice`` is editor, ci or auto (then decided by ``env``)."""
    if choice == AUTO:
        return Context.CI if ci_variable(env) else Context.EDITOR
    return Context(choice)
