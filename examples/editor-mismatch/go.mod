module example.com/editor-mismatch

go 1.27.3
