"""The fault matrix (``test_fault_matrix.py``): goenv-lsp against go binaries that hang, crash or print garbage —
fakego, a real Go executable whose build info says cmd/go (``fakego.py``, ``fakego/main.go``) — and against
machines with broken PATHs, GOPATHs and names (``harness.py``)."""
