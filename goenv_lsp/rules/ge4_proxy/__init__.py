"""GE4xx: proxies, checksums and private modules (GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE,
GOAUTH and .netrc)."""
