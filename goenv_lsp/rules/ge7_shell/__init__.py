"""GE7xx: shell startup files and the login environment — what ~/.zshrc, ~/.profile, fish config and .envrc set,
and what a login shell gives programs started outside a terminal."""
