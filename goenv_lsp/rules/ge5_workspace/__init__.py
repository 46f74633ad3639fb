"""GE5xx: vendor and workspaces — vendor/modules.txt against go.mod, GOFLAGS -mod, go.work and GOWORK."""
