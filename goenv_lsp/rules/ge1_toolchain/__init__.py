"""GE1xx: the Go toolchain — which go runs, GOROOT, toolchain selection, gopls."""
