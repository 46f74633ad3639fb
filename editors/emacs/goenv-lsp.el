;;; goenv-lsp.el --- goenv-lsp (Go environment diagnostics) for eglot and lsp-mode -*- lexical-binding: t -*-

;;; Commentary:
;; Load this file (or copy the parts you need into your init file):
;;   (load "/path/to/editors/emacs/goenv-lsp.el")
;;
;; eglot (built in since Emacs 29; the `elpa-eglot' package on Debian's Emacs 28): goenv-lsp serves go.mod
;; and go.work buffers, and .vscode/settings.json through `goenv-lsp-settings-mode'.
;; NOTE: eglot manages each buffer with exactly ONE server (joaotavora/eglot#611).  Binding goenv-lsp to
;; the go.mod / go.work modes therefore replaces gopls in those buffers (gopls still serves your .go files).
;; Go source buffers are deliberately not bound here: that would take them away from gopls.
;;
;; lsp-mode: goenv-lsp is registered as an add-on client, so it runs next to gopls in the same buffers.

;;; Code:

(defgroup goenv-lsp nil "Go environment diagnostics (goenv-lsp)." :group 'tools)

(defcustom goenv-lsp-command '("goenv-lsp")
  "Command line that starts the goenv-lsp language server over stdio."
  :type '(repeat string))

(defcustom goenv-lsp-initialization-options '(:trusted :json-false)
  "The initializationOptions sent to goenv-lsp: a plist, :json-false for false.
Keys: :trusted, :editorSettings (e.g. (:go.goroot \"/usr/local/go\")),
:ignore, :select, :severity, :probeTimeout.  See editors/README.md."
  :type 'plist)

(defconst goenv-lsp-file-regexp
  (rx (or (seq "/go." (or "mod" "work")) "/.vscode/settings.json" "/.idea/workspace.xml" "/goenv-lsp.toml")
      eos)
  "Files goenv-lsp reads and puts diagnostics on.")

(define-derived-mode goenv-lsp-settings-mode js-mode "VSCode-Settings"
  "Major mode for .vscode/settings.json (JSON with comments).
Bound to goenv-lsp in `eglot-server-programs'.")
(add-to-list 'auto-mode-alist '("/\\.vscode/settings\\.json\\'" . goenv-lsp-settings-mode))
;; the languageId eglot sends (default: the mode name without "-mode")
(put 'goenv-lsp-settings-mode 'eglot-language-id "jsonc")

(defun goenv-lsp--contact (&optional _interactive)
  "The eglot contact: `goenv-lsp-command' plus `goenv-lsp-initialization-options'."
  `(,@goenv-lsp-command :initializationOptions ,goenv-lsp-initialization-options))

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  ;; prepended, so it wins over the default (go-mode … . ("gopls")) entry for these modes
  (add-to-list 'eglot-server-programs
               `((go-dot-mod-mode go-mod-ts-mode go-dot-work-mode go-work-ts-mode goenv-lsp-settings-mode)
                 . goenv-lsp--contact)))

(with-eval-after-load 'lsp-mode
  (declare-function lsp-register-client "lsp-mode")
  (declare-function make-lsp-client "lsp-mode")
  (declare-function lsp-stdio-connection "lsp-mode")
  (lsp-register-client
   (make-lsp-client :new-connection (lsp-stdio-connection (lambda () goenv-lsp-command))
                    :activation-fn (lambda (file-name _mode)
                                     (and file-name (or (string-match-p goenv-lsp-file-regexp file-name)
                                                        (string-suffix-p ".go" file-name))))
                    :initialization-options (lambda () goenv-lsp-initialization-options)
                    :server-id 'goenv-lsp :add-on? t :priority -1)))

(provide 'goenv-lsp)
;;; goenv-lsp.el ends here
