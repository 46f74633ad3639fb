# >>> conda initialize >>>
# !! Contents within this block are managed by 'conda init' !!
__conda_setup="$('/home/dev/miniconda3/bin/conda' 'shell.bash' 'hook' 2> /dev/null)"
if [ $? -eq 0 ]; then
    eval "$__conda_setup"
else
    if [ -f "/home/dev/miniconda3/etc/profile.d/conda.sh" ]; then
        . "/home/dev/miniconda3/etc/profile.d/conda.sh"
    else
        export PATH="/home/dev/miniconda3/bin:$PATH"
    fi
fi
unset __conda_setup
# <<< conda initialize <<<

export PATH=$PATH:/usr/local/go/bin
export PATH="$PATH:$(go env GOPATH)/bin"
[ -f ~/.fzf.bash ] && source ~/.fzf.bash
export GITHUB_TOKEN="$(gh auth token 2>/dev/null)"
export SSH_AUTH_SOCK="$XDG_RUNTIME_DIR/ssh-agent.socket"
