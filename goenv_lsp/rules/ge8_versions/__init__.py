"""GE8xx: Go versions across files, containers and CI — the Go a Dockerfile, a CI workflow, a version-manager
file or a dev container selects, against the module's go.mod, and what those files do with the go command."""
