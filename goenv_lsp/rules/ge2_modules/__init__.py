"""GE2xx: GOPATH and modules."""
