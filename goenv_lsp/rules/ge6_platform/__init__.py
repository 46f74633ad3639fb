"""GE6xx: PATH, tools and platform: where `go install` puts programs and whether PATH reaches them, PATH
entries that let others choose what runs, and builds aimed at another platform or without cgo."""
