if status is-interactive
    # Commands to run in interactive sessions can go here
    abbr -a gst git status
end
set -gx GOPATH $HOME/go
fish_add_path -a $GOPATH/bin /usr/local/go/bin
set -gx EDITOR nvim
