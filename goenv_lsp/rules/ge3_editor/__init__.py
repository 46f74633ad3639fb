"""GE3xx: editor settings — the SDK VS Code or GoLand is told to use."""
